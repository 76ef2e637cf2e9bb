/** Locking or unlocking the editor (a workflow transition) is not an edit; typing is. */
import { Editor } from "@tiptap/core";
import { afterEach, describe, expect, it } from "vitest";
import { contentExtensions } from "@/lib/content/extensions";
import { bodyOf } from "@/lib/testing/story-fixtures";
import { isWritersEdit } from "./writer-edits";

let editor: Editor | null = null;
afterEach(() => {
  editor?.destroy();
  editor = null;
});

/** A headless editor wired the way the story editor counts edits. */
function countingEditor(): { editor: Editor; updates: () => number; edits: () => number } {
  let updates = 0;
  let edits = 0;
  editor = new Editor({
    extensions: contentExtensions,
    content: bodyOf("Filed at noon."),
    onUpdate: ({ transaction }) => {
      updates++;
      if (isWritersEdit(transaction, false)) edits++;
    },
  });
  return { editor, updates: () => updates, edits: () => edits };
}

describe("writer's edits", () => {
  it("does not count locking and unlocking the editor, which Tiptap reports as an update", () => {
    const { editor: ed, updates, edits } = countingEditor();
    ed.setEditable(false);
    ed.setEditable(true);
    // The hazard: Tiptap does emit "update" for both…
    expect(updates()).toBe(2);
    // …but neither changed the text.
    expect(edits()).toBe(0);
  });

  it("counts text the writer adds or removes", () => {
    const { editor: ed, edits } = countingEditor();
    ed.commands.insertContentAt(ed.state.doc.content.size - 1, { type: "text", text: " More." });
    ed.commands.deleteRange({ from: 1, to: 6 });
    expect(edits()).toBe(2);
  });

  it("does not count text the program puts in on the writer's behalf", () => {
    expect(isWritersEdit({ docChanged: true }, true)).toBe(false);
    expect(isWritersEdit({ docChanged: false }, false)).toBe(false);
    expect(isWritersEdit({ docChanged: true }, false)).toBe(true);
  });
});
