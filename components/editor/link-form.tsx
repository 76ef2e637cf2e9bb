"use client";

import type { Editor } from "@tiptap/react";
import { useEffect, useRef, useState } from "react";
import { VALIDATION_MESSAGES } from "@/lib/content/validate";
import { normalizeUrl } from "@/lib/content/urls";
import { focusBodyNow } from "./focus-body";

/** Add, change or remove the link at the selection. Only addresses the server accepts get through. */
export function LinkForm({ editor, onClose }: { editor: Editor; onClose: () => void }) {
  const existing = (editor.getAttributes("link").href as string | undefined) ?? "";
  const [value, setValue] = useState(existing);
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);

  function apply(event: React.FormEvent) {
    event.preventDefault();
    const href = normalizeUrl(value);
    if (!href) {
      setError(VALIDATION_MESSAGES.unsafeLink);
      input.current?.focus();
      return;
    }
    const chain = editor.chain().focus();
    if (editor.state.selection.empty && !editor.isActive("link")) {
      // Nothing selected: the address itself becomes the linked text.
      chain.insertContent({ type: "text", text: href, marks: [{ type: "link", attrs: { href } }] }).run();
    } else {
      chain.extendMarkRange("link").setLink({ href }).run();
    }
    focusBodyNow(editor);
    onClose();
  }

  function remove() {
    editor.chain().focus().extendMarkRange("link").unsetLink().run();
    focusBodyNow(editor);
    onClose();
  }

  function cancel() {
    focusBodyNow(editor);
    onClose();
  }

  return (
    <form
      className="link-form"
      onSubmit={apply}
      onKeyDown={(event) => {
        if (event.key === "Escape") {
          event.preventDefault();
          cancel();
        }
      }}
    >
      <label htmlFor="link-address">Link address</label>
      <input
        ref={input}
        id="link-address"
        type="text"
        inputMode="url"
        dir="ltr"
        value={value}
        onChange={(event) => {
          setValue(event.target.value);
          setError(null);
        }}
        aria-invalid={error ? true : undefined}
        aria-describedby="link-address-error"
        placeholder="https://"
      />
      <button type="submit" className="button">
        Apply link
      </button>
      {existing ? (
        <button type="button" className="button secondary" onClick={remove}>
          Remove link
        </button>
      ) : null}
      <button type="button" className="button secondary" onClick={cancel}>
        Cancel
      </button>
      <p id="link-address-error" className="field-error" aria-live="polite">
        {error}
      </p>
    </form>
  );
}
