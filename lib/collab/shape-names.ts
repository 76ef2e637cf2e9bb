/**
 * The names inside a story's shared document, and the smallest-edit text replacement, without
 * the ProseMirror conversion: the browser editor binds fields with these, and document-shape.ts
 * (the server's conversion) re-exports them, so both sides use one set of names.
 */
import * as Y from "yjs";

export const BODY_FIELD = "body";
export const FIELDS_MAP = "fields";

/** Fields edited as text: merged character by character. */
export const TEXT_FIELDS = ["headline", "standfirst", "sourceLine", "slug", "featuredCaption", "featuredCredit", "seoTitle", "seoDescription"] as const;
/** Fields chosen as a whole (a section, a language, the tag list): the later choice wins. */
export const VALUE_FIELDS = ["sectionId", "language", "featuredMediaId", "tags", "bylines"] as const;

/** Replaces a Y.Text's content by the smallest edit, so unchanged text keeps its identity (and carets). */
export function replaceText(text: Y.Text, next: string): void {
  const current = text.toString();
  if (current === next) return;
  let start = 0;
  while (start < current.length && start < next.length && current[start] === next[start]) start++;
  let endCurrent = current.length;
  let endNext = next.length;
  while (endCurrent > start && endNext > start && current[endCurrent - 1] === next[endNext - 1]) {
    endCurrent--;
    endNext--;
  }
  if (endCurrent > start) text.delete(start, endCurrent - start);
  if (endNext > start) text.insert(start, next.slice(start, endNext));
}
