"use client";

import { useState } from "react";

/**
 * A one-time link shown to copy: a read-only textbox (so it can be selected by hand when the
 * clipboard is unavailable, e.g. on plain http) and a copy button.
 */
export function CopyField({ id, label, value }: { id: string; label: string; value: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="field copy-field">
      <label htmlFor={id}>{label}</label>
      <div className="copy-row">
        <input id={id} readOnly value={value} onFocus={(e) => e.currentTarget.select()} />
        <button
          type="button"
          className="button secondary"
          onClick={async () => {
            await navigator.clipboard?.writeText(value).then(
              () => setCopied(true),
              () => setCopied(false),
            );
          }}
        >
          Copy
        </button>
      </div>
      <span role="status" className="hint">
        {copied ? "Copied." : ""}
      </span>
    </div>
  );
}
