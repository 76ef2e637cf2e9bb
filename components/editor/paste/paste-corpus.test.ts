// @vitest-environment jsdom
/**
 * Real clipboard HTML (Google Docs, Word, two news sites) pasted through the editor's own paste
 * path (ProseMirror's pasteHTML, with the paste clean-up and the story schema), compared with the
 * document a writer expects. Each expected document is written by hand in fixtures/.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { Editor, type JSONContent } from "@tiptap/core";
import { afterEach, describe, expect, it } from "vitest";

import { contentExtensions } from "@/lib/content/extensions";
import { validateStoryBody } from "@/lib/content/validate";
import { PasteCleanup, type PastedImage } from "./paste-cleanup";

const FIXTURES = path.join(__dirname, "fixtures");

type Pasted = { doc: JSONContent; dropped: number[]; images: PastedImage[] };

let editor: Editor | null = null;
afterEach(() => {
  editor?.destroy();
  editor = null;
});

function paste(html: string, imageOrigins: string[] = []): Pasted {
  const dropped: number[] = [];
  const images: PastedImage[] = [];
  editor = new Editor({
    element: document.createElement("div"),
    extensions: [
      ...contentExtensions,
      PasteCleanup.configure({ imageOrigins }),
    ],
    content: { type: "doc", content: [{ type: "paragraph" }] },
  });
  editor.storage.pasteCleanup.onDroppedImages = (count) => dropped.push(count);
  editor.storage.pasteCleanup.onPastedImages = (list) => images.push(...list);
  editor.view.pasteHTML(html, new Event("paste") as ClipboardEvent);
  return { doc: editor.getJSON(), dropped, images };
}

function fixture(name: string): { html: string; expected: JSONContent } {
  return {
    html: readFileSync(path.join(FIXTURES, `${name}.html`), "utf8"),
    expected: JSON.parse(readFileSync(path.join(FIXTURES, `${name}.expected.json`), "utf8")) as JSONContent,
  };
}

describe("pasting real clipboard HTML", () => {
  it.each([
    ["google-docs", 1],
    ["word", 1],
    ["news-site-bbc", 1],
    ["news-site-guardian", 1],
  ])("%s gives the expected document, and says how many images it left out", (name, droppedImages) => {
    const { html, expected } = fixture(name);
    const result = paste(html);
    expect(result.doc).toEqual(expected);
    expect(result.dropped).toEqual([droppedImages]);
    // What the writer gets is also what the server stores.
    expect(validateStoryBody(result.doc).ok).toBe(true);
  });
});

// A 1x1 transparent PNG, as a browser puts a copied picture on the clipboard.
const PIXEL = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

describe("pictures in pasted HTML", () => {
  it("hands a picture carried in the clipboard to the upload, at the place it had in the text", () => {
    const result = paste(`<p>Before</p><p><img src="${PIXEL}" alt="A chart"></p><p>After</p>`);
    expect(result.doc).toEqual({
      type: "doc",
      content: [
        { type: "paragraph", content: [{ type: "text", text: "Before" }] },
        { type: "paragraph", content: [{ type: "text", text: "After" }] },
      ],
    });
    expect(result.dropped).toEqual([]);
    expect(result.images).toHaveLength(1);
    const [image] = result.images;
    expect(image.alt).toBe("A chart");
    expect(image.file.type).toBe("image/png");
    expect(image.file.size).toBe(70);
    // Between the two paragraphs: "Before" is 8 positions long (open, 6 letters, close).
    expect(image.pos).toBe(8);
  });

  it("places a picture pasted inside a table cell after the table, which cannot hold it", () => {
    const result = paste(`<table><tr><td>Year</td><td><img src="${PIXEL}"></td></tr></table><p>After</p>`);
    expect(result.images).toHaveLength(1);
    const table = editor?.state.doc.child(0);
    expect(table?.type.name).toBe("table");
    expect(result.images[0].pos).toBe(table?.nodeSize);
  });

  it("keeps the newsroom's own and allow-listed images, and counts every other one", () => {
    const html =
      '<p>a</p><img src="/media/0f8fad5b-d9cb-469f-a165-70867728950e-w640.webp" alt="ours">' +
      '<img src="https://images.example.org/b.jpg" alt="allowed"><img src="https://cdn.example.net/c.jpg"><img src="file:///C:/clip.png">';
    const result = paste(html, ["https://images.example.org"]);
    const srcs = (result.doc.content ?? []).filter((node) => node.type === "figure").map((node) => node.attrs?.src);
    expect(srcs).toEqual(["/media/0f8fad5b-d9cb-469f-a165-70867728950e-w640.webp", "https://images.example.org/b.jpg"]);
    expect(result.dropped).toEqual([2]);
  });

  it("says nothing when nothing was left out", () => {
    expect(paste("<p>Plain <b>text</b></p>").dropped).toEqual([]);
  });
});

describe("the caret after a paste", () => {
  it("continues below a pasted table, not inside its last cell", () => {
    paste("<p>Before</p><table><tr><td>Year</td></tr><tr><td>2016</td></tr></table>");
    const ed = editor!;
    const { $head } = ed.state.selection;
    expect($head.parent.type.name).toBe("paragraph");
    expect($head.node($head.depth - 1).type.name).toBe("doc");
    ed.view.pasteHTML("<p>Next paste</p>", new Event("paste") as ClipboardEvent);
    const blocks = (ed.getJSON().content ?? []).map((node) => node.type);
    expect(blocks.slice(0, 3)).toEqual(["paragraph", "table", "paragraph"]);
    expect(ed.state.doc.child(2).textContent).toBe("Next paste");
  });
});

describe("links in pasted HTML", () => {
  it("gives bare domains https://, addresses mailto:, and unlinks anchors into the source document", () => {
    const result = paste('<p><a href="example.org/bread">bread</a> <a href="desk@example.org">desk</a> <a href="#_ftn1">[1]</a></p>');
    const marks = (result.doc.content?.[0].content ?? []).map((node) => [node.text, node.marks?.[0]?.attrs?.href ?? null]);
    expect(marks).toEqual([
      ["bread", "https://example.org/bread"],
      [" ", null],
      ["desk", "mailto:desk@example.org"],
      [" [1]", null],
    ]);
  });
});
