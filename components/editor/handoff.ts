/**
 * The first save of a new story moves from /desk/stories/new to /desk/stories/[id], a different
 * route, so React mounts a new StoryEditor. The Tiptap editor itself does not change hands through
 * a copy: the /new instance offers its live Editor object (text, caret, undo history) and the
 * story's page adopts it.
 *
 * Why this cannot lose a keystroke: until the navigation commits, the old instance is on screen
 * and takes every key. The commit is one task, in which the old instance records its state
 * (layout-effect cleanup, before its DOM leaves the page) and the new one adopts the editor and
 * puts the focus back (layout effect, after its DOM is in). The browser delivers no input between
 * the two. Anything else (fields, dirty flag, focus) is read at that same moment.
 *
 * It lives only in this tab's memory; the browser copy covers everything else.
 */
import type { Editor } from "@tiptap/core";
import type { DraftFields } from "./draft";

export type HandoffState = {
  /** The handing tab instance, whose browser copy the receiving instance takes over. */
  clientId: string;
  fields: DraftFields;
  /** The slug still follows the headline (the writer never typed one). */
  slugTouched: boolean;
  /** Changes made after that save, still to be saved. */
  dirty: boolean;
  /** Where the focus was: "body" for the editor, else a form control's id and its caret. */
  focus: { id: string; selectionStart: number | null; selectionEnd: number | null } | null;
};

type Offer = { editor: Editor; version: number; state: HandoffState | null };

const offers = new Map<string, Offer>();
/** Which StoryEditor instance owns (and must eventually destroy) each editor. */
const owners = new WeakMap<Editor, object>();

/** A StoryEditor instance that made this editor owns it. */
export function claimEditor(editor: Editor, owner: object): void {
  owners.set(editor, owner);
}

/** The /new instance, once the story exists: its editor may be adopted by the story's page. */
export function offerEditor(storyId: string, editor: Editor, version: number): void {
  offers.set(storyId, { editor, version, state: null });
}

/** The old instance's last word, written as it leaves the page. */
export function recordHandoffState(storyId: string, editor: Editor, state: HandoffState): void {
  const offer = offers.get(storyId);
  if (offer && offer.editor === editor) offer.state = state;
}

/**
 * The offered editor, for the receiving page's first render (nothing is taken yet), if the page
 * was rendered from the version that editor holds.
 */
export function peekOfferedEditor(storyId: string | undefined, version: number | undefined): Editor | null {
  if (!storyId || typeof window === "undefined") return null;
  const offer = offers.get(storyId);
  return offer && offer.version === version && !offer.editor.isDestroyed ? offer.editor : null;
}

export function ownsEditor(editor: Editor, owner: object): boolean {
  return owners.get(editor) === owner;
}

/**
 * Takes the offered editor over. Returns the old instance's state, or null when there is none to
 * take (no offer, another editor, or the old instance has not let go yet): the caller then makes
 * its own editor.
 */
export function adoptEditor(storyId: string, editor: Editor, owner: object): HandoffState | null {
  const offer = offers.get(storyId);
  if (!offer || offer.editor !== editor || !offer.state || editor.isDestroyed) return null;
  offers.delete(storyId);
  owners.set(editor, owner);
  return offer.state;
}

/**
 * An instance lets go of its editor. An editor adopted by another instance is no longer its to
 * destroy; an offered one gets one more turn of the event loop to be adopted (the receiving page
 * may commit later); one nobody takes is destroyed.
 */
export function releaseEditor(editor: Editor, owner: object, storyId: string | null): void {
  if (owners.get(editor) !== owner) return;
  const offer = storyId ? offers.get(storyId) : undefined;
  if (!offer || offer.editor !== editor) {
    if (!editor.isDestroyed) editor.destroy();
    return;
  }
  setTimeout(() => {
    if (owners.get(editor) !== owner) return;
    if (storyId && offers.get(storyId) === offer) offers.delete(storyId);
    if (!editor.isDestroyed) editor.destroy();
  }, 0);
}
