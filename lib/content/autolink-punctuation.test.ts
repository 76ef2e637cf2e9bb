// @vitest-environment jsdom
import { Editor } from "@tiptap/core";
import { afterEach, describe, expect, it } from "vitest";

import { splitTrailingPunctuation } from "./autolink-punctuation";
import { contentExtensions } from "./extensions";

let editor: Editor | null = null;
afterEach(() => {
  editor?.destroy();
  editor = null;
});

/** Types like a writer: each character through the editor's text input path (input rules, plugins). */
function type(text: string): Editor {
  editor ??= new Editor({ element: document.createElement("div"), extensions: contentExtensions, content: { type: "doc", content: [{ type: "paragraph" }] } });
  const ed = editor;
  for (const ch of text) {
    const { from, to } = ed.state.selection;
    if (ch === "\n") {
      ed.commands.enter();
      continue;
    }
    const handled = ed.view.someProp("handleTextInput", (handler) => handler(ed.view, from, to, ch, () => ed.state.tr.insertText(ch, from, to)));
    if (!handled) ed.view.dispatch(ed.state.tr.insertText(ch, from, to));
  }
  return ed;
}

function links(ed: Editor): Array<[string, string]> {
  const found: Array<[string, string]> = [];
  ed.state.doc.descendants((node) => {
    const link = node.marks.find((mark) => mark.type.name === "link");
    if (node.isText && link) found.push([node.text ?? "", link.attrs.href as string]);
  });
  return found;
}

describe("typing a link at the end of a sentence", () => {
  it("links the address and leaves the full stop, and what follows, outside it", () => {
    expect(links(type("Buy example.org/bread. Then go."))).toEqual([["example.org/bread", "https://example.org/bread"]]);
  });

  it("does the same when Enter ends the paragraph, and for other closing punctuation", () => {
    expect(links(type("See https://example.org/a?b=1,\nNext"))).toEqual([["https://example.org/a?b=1", "https://example.org/a?b=1"]]);
  });

  it("still links a plain address (Tiptap's own autolink) and never links text typed after a link", () => {
    const ed = type("Go to example.org now");
    expect(links(ed)).toEqual([["example.org", "https://example.org"]]);
  });

  it("leaves an opening bracket or quote outside the link too", () => {
    expect(links(type("(see example.org/bread). And “news.example.org”. "))).toEqual([
      ["example.org/bread", "https://example.org/bread"],
      ["news.example.org", "https://news.example.org"],
    ]);
  });

  it("does not link ordinary words with a full stop", () => {
    expect(links(type("It ends here. Next, i.e. later."))).toEqual([]);
  });
});

describe("splitTrailingPunctuation", () => {
  it.each([
    ["example.org/bread.", "example.org/bread", "."],
    ["example.org/bread).", "example.org/bread", ")."],
    ["example.org/a_(b)).", "example.org/a_(b)", ")."],
    ["“example.org”", "“example.org", "”"],
  ])("%s -> %s + %s", (word, core, trailing) => {
    expect(splitTrailingPunctuation(word)).toEqual({ core, trailing });
  });

  it("returns null when nothing trails the word", () => {
    expect(splitTrailingPunctuation("example.org/bread")).toBeNull();
  });
});
