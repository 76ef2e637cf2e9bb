/**
 * Other people's carets and selections in the body, each in their colour with their name, drawn
 * by @tiptap/y-tiptap's cursor plugin from the shared document's awareness (the same fork of
 * y-prosemirror the Collaboration extension binds with, so positions agree). The name is drawn
 * by CSS from a data attribute: it is not text of the story (copying, screen readers, tests).
 */
import { Extension } from "@tiptap/core";
import { yCursorPlugin } from "@tiptap/y-tiptap";
import type { Awareness } from "y-protocols/awareness";

export type PresenceUser = { id: string; name: string; color: string };

function caret(user: PresenceUser): HTMLElement {
  const element = document.createElement("span");
  element.className = "collab-caret";
  element.style.setProperty("--caret-color", user.color);
  element.setAttribute("data-name", user.name);
  element.setAttribute("aria-hidden", "true");
  return element;
}

export const CollaborationCarets = Extension.create<{ awareness: Awareness | null }>({
  name: "collaborationCarets",
  addOptions() {
    return { awareness: null };
  },
  addProseMirrorPlugins() {
    if (!this.options.awareness) return [];
    return [
      yCursorPlugin(this.options.awareness, {
        cursorBuilder: (user: PresenceUser) => caret(user),
        selectionBuilder: (user: PresenceUser) => ({ class: "collab-selection", style: `--caret-color: ${user.color}` }),
      }),
    ];
  },
});
