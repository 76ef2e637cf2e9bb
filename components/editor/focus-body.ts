import type { Editor } from "@tiptap/core";

/**
 * Tiptap's focus command moves the browser focus in the next animation frame. Keys typed before
 * that frame (a fast typist after "Apply link", or a busy machine) would go to the button that was
 * pressed, or act on the selection the command left. Focusing the view at once closes the gap.
 */
export function focusBodyNow(editor: Editor): void {
  if (!editor.isDestroyed) editor.view.focus();
}
