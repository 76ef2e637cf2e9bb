// @vitest-environment jsdom
import { Editor } from "@tiptap/core";
import { afterEach, describe, expect, it } from "vitest";

import { contentExtensions } from "./extensions";
import { validateStoryBody } from "./validate";

const editors: Editor[] = [];
afterEach(() => {
  for (const editor of editors.splice(0)) editor.destroy();
});

function editorWith(text: string): Editor {
  const editor = new Editor({
    element: document.createElement("div"),
    extensions: contentExtensions,
    content: { type: "doc", content: [text ? { type: "paragraph", content: [{ type: "text", text }] } : { type: "paragraph" }] },
  });
  editors.push(editor);
  return editor;
}

function cellAtCaret(ed: Editor): string | null {
  const { $from } = ed.state.selection;
  for (let depth = $from.depth; depth > 0; depth--) {
    const name = $from.node(depth).type.name;
    if (name === "tableHeader" || name === "tableCell") return `${name}@${$from.index(depth - 1)}`;
  }
  return null;
}

describe("Insert table and the table tools", () => {
  it("inserts a 3×3 table with a header row and puts the caret in its first cell", () => {
    const ed = editorWith("");
    expect(ed.commands.insertTable({ rows: 3, columns: 3 })).toBe(true);
    const table = ed.state.doc.firstChild!;
    expect(table.type.name).toBe("table");
    expect(table.childCount).toBe(3);
    expect(table.firstChild!.firstChild!.type.name).toBe("tableHeader");
    expect(table.child(1).firstChild!.type.name).toBe("tableCell");
    expect(cellAtCaret(ed)).toBe("tableHeader@0");
    ed.commands.insertContent("Year");
    expect(validateStoryBody(ed.getJSON()).ok).toBe(true);
  });

  it("inserts after the text the caret is in, and not inside another table", () => {
    const ed = editorWith("Stalls by year");
    ed.commands.setTextSelection(ed.state.doc.content.size - 1);
    expect(ed.commands.insertTable()).toBe(true);
    expect(cellAtCaret(ed)).toBe("tableHeader@0");
    expect(ed.state.doc.firstChild!.textContent).toBe("Stalls by year");
    expect(ed.commands.insertTable()).toBe(false);
  });

  it("adds and deletes rows and columns, toggles the header row, deletes the table; the result stays valid", () => {
    const ed = editorWith("");
    ed.commands.insertTable({ rows: 2, columns: 2 });
    ed.commands.runTableCommand("addRowAfter");
    ed.commands.runTableCommand("addColumnAfter");
    let table = ed.state.doc.firstChild!;
    expect([table.childCount, table.firstChild!.childCount]).toEqual([3, 3]);
    expect(validateStoryBody(ed.getJSON()).ok).toBe(true);
    ed.commands.runTableCommand("toggleHeaderRow");
    table = ed.state.doc.firstChild!;
    expect(table.firstChild!.firstChild!.type.name).toBe("tableCell");
    ed.commands.runTableCommand("deleteRow");
    ed.commands.runTableCommand("deleteColumn");
    table = ed.state.doc.firstChild!;
    expect([table.childCount, table.firstChild!.childCount]).toEqual([2, 2]);
    expect(ed.commands.runTableCommand("deleteTable")).toBe(true);
    expect(ed.state.doc.firstChild!.type.name).not.toBe("table");
  });

  it("Tab moves to the next cell inside a table, and is left alone outside one", () => {
    const ed = editorWith("");
    ed.commands.insertTable({ rows: 2, columns: 2 });
    const tab = (target: Editor) => {
      const event = new KeyboardEvent("keydown", { key: "Tab", keyCode: 9, bubbles: true, cancelable: true });
      target.view.dom.dispatchEvent(event);
      return event.defaultPrevented;
    };
    expect(tab(ed)).toBe(true);
    expect(cellAtCaret(ed)).toBe("tableHeader@1");
    const outside = editorWith("Plain");
    // Not taken: the browser moves the focus on, out of the editor, as keyboard users expect.
    expect(tab(outside)).toBe(false);
  });
});
