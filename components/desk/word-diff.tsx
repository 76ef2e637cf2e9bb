import type { DiffPart } from "@/lib/content/diff";

/**
 * A word diff as text: insertions in <ins>, deletions in <del>. `side` shows only one text's
 * view of it (for side-by-side columns); without it both changes are inline.
 */
export function WordDiff({ parts, side, label }: { parts: DiffPart[]; side?: "before" | "after"; label?: string }) {
  return (
    <div className="word-diff" aria-label={label} role={label ? "group" : undefined}>
      {parts.map((part, index) => {
        if (part.kind === "same") return <span key={index}>{part.text}</span>;
        if (part.kind === "removed") {
          return side === "after" ? null : <del key={index}>{part.text}</del>;
        }
        return side === "before" ? null : <ins key={index}>{part.text}</ins>;
      })}
    </div>
  );
}
