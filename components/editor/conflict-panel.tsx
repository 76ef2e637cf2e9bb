"use client";

import { useMemo } from "react";
import { diffWords } from "@/lib/content/diff";
import { docToPlainText } from "@/lib/content/text";
import { WordDiff } from "@/components/desk/word-diff";
import type { EditorDraft } from "./draft";
import type { EditorStory } from "@/lib/stories/queries";

/** One readable text per version: headline, standfirst, body, source line. */
export function versionText(v: { headline: string; standfirst: string; sourceLine: string; body: EditorDraft["body"] }): string {
  return [v.headline.trim(), v.standfirst.trim(), docToPlainText(v.body), v.sourceLine.trim()].filter(Boolean).join("\n\n");
}

export type ConflictState = { mine: EditorDraft; theirs: EditorStory; keptRevisionNumber: number | null };

/**
 * Someone saved first. Both versions side by side with a word diff; the writer decides. Whatever
 * they choose, both texts stay in the story's history.
 */
export function ConflictPanel({
  conflict,
  mode,
  onKeepMine,
  onTakeTheirs,
  onMerge,
  onDone,
}: {
  conflict: ConflictState;
  /** "choose": the writer has not decided yet; "merge": editing theirs/mine by hand, panel as reference. */
  mode: "choose" | "merge";
  onKeepMine: () => void;
  onTakeTheirs: () => void;
  onMerge: () => void;
  onDone: () => void;
}) {
  const parts = useMemo(() => diffWords(versionText(conflict.theirs), versionText(conflict.mine)), [conflict]);
  return (
    <section className="conflict-panel" aria-labelledby="conflict-heading">
      <h2 id="conflict-heading">{mode === "choose" ? "Someone else saved this story first" : "Merging by hand"}</h2>
      <p>
        {mode === "choose"
          ? "Your changes were not saved over theirs. Compare the two versions and choose what to keep."
          : "Edit your version in the editor; their version stays here for reference. It is kept in the history either way."}
        {conflict.keptRevisionNumber !== null ? ` Your version is also kept as version ${conflict.keptRevisionNumber} in History.` : null}
      </p>
      <div className="conflict-columns">
        <div className="conflict-column">
          <h3>Your version</h3>
          <WordDiff parts={parts} side="after" label="Your version, with your additions marked" />
        </div>
        <div className="conflict-column">
          <h3>Their version</h3>
          <p className="conflict-meta">Saved {new Date(conflict.theirs.updatedAt).toLocaleString()}</p>
          <WordDiff parts={parts} side="before" label="Their version, with what yours removes marked" />
        </div>
      </div>
      <div className="conflict-actions">
        {mode === "choose" ? (
          <>
            <button type="button" className="button" onClick={onKeepMine}>
              Keep mine
            </button>
            <button type="button" className="button secondary" onClick={onTakeTheirs}>
              Take theirs
            </button>
            <button type="button" className="button secondary" onClick={onMerge}>
              Merge by hand
            </button>
          </>
        ) : (
          <button type="button" className="button secondary" onClick={onDone}>
            Close comparison
          </button>
        )}
      </div>
    </section>
  );
}
