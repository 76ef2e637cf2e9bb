/**
 * Moving from /desk/stories/new to /desk/stories/[id] after the first save remounts the editor
 * (a different route). Whatever the writer typed while that navigation was in flight, and where
 * the caret was, is handed from the old instance to the new one through this module-level map.
 * It lives only in this tab's memory; the local copy covers everything else.
 */
import type { DraftFields } from "./draft";
import type { JSONContent } from "@tiptap/core";

export type EditorHandoff = {
  storyId: string;
  /** The handing tab instance, whose browser copy the receiving instance takes over. */
  clientId: string;
  version: number;
  fields: DraftFields;
  body: JSONContent;
  /** The slug still follows the headline (the writer never typed one). */
  slugTouched: boolean;
  dirty: boolean;
  selection: { anchor: number; head: number } | null;
  /** id of the focused form control, or "body" for the editor itself. */
  focus: string | null;
};

const pending = new Map<string, EditorHandoff>();

export function putHandoff(handoff: EditorHandoff): void {
  pending.set(handoff.storyId, handoff);
}

/** The handoff for this story, if it matches the version the server page was rendered with. */
export function takeHandoff(storyId: string, version: number): EditorHandoff | null {
  const handoff = pending.get(storyId);
  pending.delete(storyId);
  return handoff && handoff.version === version ? handoff : null;
}
