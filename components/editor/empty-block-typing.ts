import { TextSelection } from "@tiptap/pm/state";
import type { EditorView } from "@tiptap/pm/view";

/**
 * The first character typed into an empty paragraph or heading goes through ProseMirror, not
 * through the browser's own editing.
 *
 * Chromium, typing quickly into a block that ProseMirror has just made (Enter, or the "## "
 * shortcut turning a paragraph into a heading), sometimes inserts the character after the caret
 * instead of before it: the text arrives as "eading 21" with a stray "H" that ProseMirror never
 * learns about, which later surfaces at the end of some other paragraph. The selection ProseMirror
 * keeps is right, so inserting there ourselves, through the same input rules the browser path
 * would have run, puts every character where the writer typed it. Composition (IME) input and
 * every other keystroke keep the native path.
 */
export function typeIntoEmptyBlock(view: EditorView, event: InputEvent): boolean {
  if (event.inputType !== "insertText" || !event.data || event.isComposing || view.composing) return false;
  const { selection } = view.state;
  if (!(selection instanceof TextSelection) || !selection.empty) return false;
  const block = selection.$from.parent;
  if (!block.isTextblock || block.content.size !== 0) return false;
  event.preventDefault();
  const { from, to } = selection;
  const text = event.data;
  const typed = () => view.state.tr.insertText(text, from, to);
  if (view.someProp("handleTextInput", (handle) => handle(view, from, to, text, typed))) return true;
  view.dispatch(typed().scrollIntoView());
  return true;
}
