import type { JSONContent } from "@tiptap/core";
import { describe, expect, it } from "vitest";

import { renderStoryHtml } from "./render";
import { storyBodySchema } from "./schemas";
import { docOf, figureNode, fullStoryDoc, linkedText, nestedDoc, paragraph, tableCell, textNode } from "./test-fixtures";
import { emptyDoc, validateStoryBody, VALIDATION_MESSAGES } from "./validate";
import { HOSTILE_URLS } from "./xss-corpus";

function refusal(input: unknown): string {
  const result = validateStoryBody(input);
  if (result.ok) throw new Error(`expected a refusal, got ${JSON.stringify(result.doc).slice(0, 200)}`);
  return result.message;
}

function accepted(input: unknown) {
  const result = validateStoryBody(input);
  if (!result.ok) throw new Error(`expected success, got: ${result.message}`);
  return result;
}

describe("validateStoryBody: hostile URLs", () => {
  it.each(HOSTILE_URLS.map((url) => [JSON.stringify(url), url]))("refuses a link to %s", (_label, url) => {
    expect(refusal(docOf(paragraph(linkedText("click", url))))).toBe(VALIDATION_MESSAGES.unsafeLink);
  });

  it.each(HOSTILE_URLS.map((url) => [JSON.stringify(url), url]))("refuses an image from %s", (_label, url) => {
    expect(refusal(docOf(figureNode({ src: url, alt: "x" })))).toBe(VALIDATION_MESSAGES.unsafeImage);
  });

  it("refuses an autolinked javascript: URL but keeps the same words as plain text", () => {
    // What an autolink plugin would produce if it trusted the typed text.
    const autolinked = docOf(paragraph(linkedText("javascript:alert(document.domain)", "javascript:alert(document.domain)")));
    expect(refusal(autolinked)).toBe(VALIDATION_MESSAGES.unsafeLink);

    const plain = accepted(docOf(paragraph(textNode("javascript:alert(document.domain)"))));
    expect(renderStoryHtml(plain.doc)).toBe("<p>javascript:alert(document.domain)</p>");
  });

  it("refuses a link hidden in a nested list inside a blockquote", () => {
    const doc = docOf({
      type: "blockquote",
      content: [
        {
          type: "bulletList",
          content: [{ type: "listItem", content: [paragraph(textNode("ok "), linkedText("bad", "JaVaScRiPt:alert(1)"))] }],
        },
      ],
    });
    expect(refusal(doc)).toBe(VALIDATION_MESSAGES.unsafeLink);
  });

  it("refuses a link with no href, and a mailto image", () => {
    expect(refusal(docOf(paragraph(textNode("x", [{ type: "link" }]))))).toBe(VALIDATION_MESSAGES.unsafeLink);
    expect(refusal(docOf(figureNode({ src: "mailto:a@b.test" })))).toBe(VALIDATION_MESSAGES.unsafeImage);
    expect(refusal(docOf(figureNode({})))).toBe(VALIDATION_MESSAGES.unsafeImage);
  });
});

describe("validateStoryBody: unsupported content", () => {
  it("refuses an unknown node and names it", () => {
    expect(refusal(docOf({ type: "script", content: [textNode("alert(1)")] }))).toBe(
      'The story body contains an unsupported element: "script".',
    );
  });

  it.each(["codeBlock", "iframe", "image", "video", "taskList"])("refuses the node %s, which the schema does not have", (type) => {
    expect(refusal(docOf({ type, content: [textNode("x")] }))).toMatch(/^The story body contains an unsupported element/);
  });

  it.each(["toString", "constructor", "hasOwnProperty", "__proto__"])("refuses the prototype name %s as a node or mark type", (type) => {
    expect(refusal(docOf({ type, content: [textNode("x")] }))).toMatch(/^The story body contains an unsupported element/);
    expect(refusal(docOf(paragraph(textNode("x", [{ type }]))))).toMatch(/^The story body contains unsupported formatting/);
  });

  it.each(["underline", "strike", "code", "highlight", "textStyle"])("refuses the mark %s", (type) => {
    expect(refusal(docOf(paragraph(textNode("x", [{ type }]))))).toBe(
      `The story body contains unsupported formatting: "${type}".`,
    );
  });

  it("refuses unknown attributes on nodes, marks and text, including prototype names", () => {
    const cases: JSONContent[] = [
      docOf({ type: "paragraph", attrs: { onclick: "alert(1)" }, content: [textNode("x")] }),
      docOf({ type: "heading", attrs: { level: 2, style: "color:red" }, content: [textNode("x")] }),
      docOf(paragraph(textNode("x", [{ type: "link", attrs: { href: "https://ok.test", onmouseover: "alert(1)" } }]))),
      docOf(paragraph(textNode("x", [{ type: "bold", attrs: { class: "x" } }]))),
      docOf(paragraph({ type: "text", text: "x", attrs: { id: "y" } })),
      docOf(figureNode({ src: "/a.jpg", onerror: "alert(1)" })),
      // ProseMirror's own attribute check uses `in`, which would let these through.
      docOf({ type: "paragraph", attrs: { toString: "x" }, content: [textNode("x")] }),
      docOf({ type: "paragraph", attrs: { hasOwnProperty: "x" }, content: [textNode("x")] }),
    ];
    for (const doc of cases) {
      expect(refusal(doc)).toMatch(/^The story body contains an unsupported setting "[A-Za-z]+" on /);
    }
  });

  it("refuses __proto__ keys instead of letting them reach an object", () => {
    const json = '{"type":"doc","content":[{"type":"paragraph","attrs":{"__proto__":{"polluted":true}}}]}';
    expect(refusal(JSON.parse(json))).toBe("The story body is not in a format the editor produces.");
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each([1, 5, 6, 9, 0, -1, 2.5, "2", null])("refuses heading level %s", (level) => {
    expect(refusal(docOf({ type: "heading", attrs: { level }, content: [textNode("Title")] }))).toBe(
      VALIDATION_MESSAGES.headingLevel,
    );
  });

  it("refuses a heading without a level (ProseMirror would default it to 1)", () => {
    expect(refusal(docOf({ type: "heading", content: [textNode("Title")] }))).toBe(VALIDATION_MESSAGES.headingLevel);
  });

  it("refuses content in the wrong place", () => {
    expect(refusal(docOf({ type: "heading", attrs: { level: 2 }, content: [figureNode({ src: "/a.jpg" })] }))).toBe(
      "The story body has content that is not allowed inside a heading.",
    );
    expect(refusal(docOf({ type: "listItem", content: [paragraph(textNode("x"))] }))).toBe(
      "The story body has content that is not allowed inside the document.",
    );
    expect(refusal(docOf(textNode("loose text")))).toBe("The story body has content that is not allowed inside the document.");
    expect(refusal(docOf({ type: "bulletList", content: [paragraph(textNode("x"))] }))).toBe(
      "The story body has content that is not allowed inside a bulleted list.",
    );
  });

  it("refuses malformed shapes", () => {
    const cases: unknown[] = [
      { type: "doc", content: "text" },
      { type: "doc", content: [{ type: "paragraph", content: [{ type: "text" }] }] },
      { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: 5 }] }] },
      { type: "doc", content: [{ type: "paragraph", marks: "bold" }] },
      { type: "doc", content: [{ type: "paragraph", text: "not a text node" }] },
      { type: "doc", content: [paragraph()], extra: true },
      { type: "doc", content: [{ type: "heading", attrs: { level: { valueOf: 2 } } }] },
      { type: "doc", content: [{ type: "heading", attrs: { level: [2] } }] },
      { type: 7 },
    ];
    for (const input of cases) expect(refusal(input)).toBe(VALIDATION_MESSAGES.malformed);
  });

  it("refuses empty text nodes with its own message", () => {
    expect(refusal(docOf(paragraph(textNode(""))))).toBe(VALIDATION_MESSAGES.emptyText);
  });

  it("refuses invalid figure and list attribute values", () => {
    expect(refusal(docOf(figureNode({ src: "/a.jpg", width: -1 })))).toBe("An image has an invalid width or height.");
    expect(refusal(docOf(figureNode({ src: "/a.jpg", height: "100" })))).toBe("An image has an invalid width or height.");
    expect(refusal(docOf(figureNode({ src: "/a.jpg", alt: 5 })))).toBe(
      "An image description (alt text) must be text of at most 2,000 characters.",
    );
    expect(refusal(docOf(figureNode({ src: "/a.jpg", caption: "x".repeat(3000) })))).toBe(
      "An image caption must be text of at most 2,000 characters.",
    );
    expect(
      refusal(docOf({ type: "orderedList", attrs: { start: -4 }, content: [{ type: "listItem", content: [paragraph()] }] })),
    ).toBe("A numbered list has an invalid starting number.");
  });
});

describe("validateStoryBody: limits", () => {
  it("accepts depth 50 and refuses depth 51", () => {
    expect(validateStoryBody(nestedDoc(50)).ok).toBe(true);
    expect(refusal(nestedDoc(51))).toBe("The story body is nested too deeply.");
  });

  it("refuses a 100,000-level-deep body quickly and without a stack overflow", () => {
    let node: Record<string, unknown> = { type: "text", text: "x" };
    for (let i = 0; i < 100_000; i++) node = { type: "blockquote", content: [node] };
    const started = performance.now();
    expect(refusal({ type: "doc", content: [node] })).toBe("The story body is nested too deeply.");
    expect(performance.now() - started).toBeLessThan(200);
  });

  it("refuses depth hidden in attributes or marks rather than in content", () => {
    let nested: Record<string, unknown> = {};
    for (let i = 0; i < 10_000; i++) nested = { a: nested };
    expect(refusal(docOf({ type: "paragraph", attrs: { x: nested } as never }))).toBe("The story body is nested too deeply.");
  });

  it("refuses a cyclic object as too deep instead of looping", () => {
    const node: Record<string, unknown> = { type: "blockquote" };
    node.content = [node];
    expect(refusal({ type: "doc", content: [node] })).toBe("The story body is nested too deeply.");
  });

  it("refuses bodies over 2 MB and accepts one just under", () => {
    const chunk = "word ".repeat(100_000); // 500 KB
    expect(refusal(docOf(...Array.from({ length: 5 }, () => paragraph(textNode(chunk)))))).toBe(
      "The story body is too large (over 2 MB).",
    );
    const underLimit = accepted(docOf(...Array.from({ length: 4 }, () => paragraph(textNode(chunk)))));
    expect(underLimit.wordCount).toBe(400_000);
  });

  it("measures bytes, not characters: 1.1 million Arabic letters are 2.2 MB", () => {
    expect(refusal(docOf(paragraph(textNode("ب".repeat(1_100_000)))))).toBe("The story body is too large (over 2 MB).");
  });

  it("refuses a huge flat array without walking all of it", () => {
    const content = new Array(3_000_000).fill(0);
    expect(refusal({ type: "doc", content })).toBe("The story body is too large (over 2 MB).");
  });

  it.each([
    ["null", null],
    ["undefined", undefined],
    ["a string", "<p>hello</p>"],
    ["a JSON string", JSON.stringify({ type: "doc", content: [{ type: "paragraph" }] })],
    ["a number", 42],
    ["an array", [{ type: "doc" }]],
    ["a boolean", true],
  ])("refuses %s as not a document", (_label, input) => {
    expect(refusal(input)).toBe(VALIDATION_MESSAGES.notDocument);
  });

  it("refuses a node that is not a document at the root", () => {
    expect(refusal(paragraph(textNode("x")))).toBe(VALIDATION_MESSAGES.notDocument);
  });

  it("refuses values JSON cannot carry", () => {
    expect(refusal(docOf(figureNode({ src: "/a.jpg", width: Number.NaN })))).toBe(
      "The story body is not in a format the editor produces.",
    );
    expect(refusal({ type: "doc", content: [new Map()] })).toBe("The story body is not in a format the editor produces.");
    expect(refusal({ type: "doc", content: [() => 1] })).toBe("The story body is not in a format the editor produces.");
  });

  it("never leaks an exception message", () => {
    const booby = { type: "doc" } as Record<string, unknown>;
    Object.defineProperty(booby, "content", {
      enumerable: true,
      get() {
        throw new Error("SECRET internal detail at /srv/app");
      },
    });
    const message = refusal(booby);
    expect(message).toBe(VALIDATION_MESSAGES.invalid);
    expect(message).not.toContain("SECRET");
  });

  it("does not echo long or hostile type names back verbatim", () => {
    const message = refusal(docOf({ type: '<img src=x onerror=alert(1)>'.padEnd(60, "x") }));
    expect(message).not.toContain("<");
    expect(message.length).toBeLessThan(120);
  });
});

describe("validateStoryBody: accepted content", () => {
  it("round-trips a story using every element, normalised and idempotent", () => {
    const result = accepted(fullStoryDoc);
    expect(JSON.stringify(result.doc)).toContain('"type":"pullQuote"');
    // ProseMirror fills in defaults: the stored form is explicit and stable.
    expect(result.doc.content?.[0]).toEqual({ type: "heading", attrs: { level: 2 }, content: [textNode("Council approves budget")] });
    const link = JSON.stringify(result.doc).match(/"marks":\[\{"type":"link","attrs":(\{[^}]*\})/)?.[1];
    expect(JSON.parse(link as string)).toEqual({
      href: "https://council.example.gov/minutes",
      target: null,
      rel: null,
      class: null,
      title: null,
    });
    const again = accepted(result.doc);
    expect(again.doc).toEqual(result.doc);
    expect(again.text).toBe(result.text);
  });

  it("reports the plain text and word count", () => {
    const result = accepted(fullStoryDoc);
    expect(result.text.split("\n\n")[0]).toBe("Council approves budget");
    expect(result.text).toContain("The vote on Tuesday.");
    expect(result.wordCount).toBeGreaterThan(40);
  });

  it("merges adjacent text with the same marks, as ProseMirror does", () => {
    const result = accepted(docOf(paragraph(textNode("Hello "), textNode("world"))));
    expect(result.doc.content?.[0].content).toEqual([{ type: "text", text: "Hello world" }]);
  });

  it("treats an empty document as the empty story", () => {
    expect(accepted({ type: "doc" }).doc).toEqual(emptyDoc());
    expect(accepted({ type: "doc", content: [] }).doc).toEqual(emptyDoc());
    expect(accepted(emptyDoc())).toMatchObject({ text: "", wordCount: 0 });
  });

  it("ignores optional properties explicitly set to undefined", () => {
    expect(accepted({ type: "doc", attrs: undefined, content: [{ type: "paragraph", marks: undefined }] }).doc).toEqual(
      emptyDoc(),
    );
  });

  it("accepts the link settings pasted HTML brings along", () => {
    const pasted = docOf(
      paragraph(textNode("x", [{ type: "link", attrs: { href: "https://a.test", target: "_blank", rel: "nofollow", class: "ext", title: "A" } }])),
    );
    expect(accepted(pasted).ok).toBe(true);
  });
});

describe("validateStoryBody: images come from the newsroom", () => {
  const OWN = "/media/0f8fad5b-d9cb-469f-a165-70867728950e-w1200.webp";

  it("refuses an image hot-linked from another site, naming the site", () => {
    const message = refusal(docOf(figureNode({ src: "https://lh7-rt.googleusercontent.com/docsz/AD_4nXe.png", alt: "Chart" })));
    expect(message).toBe(
      "An image comes from another site (lh7-rt.googleusercontent.com). Images must come from the newsroom's media library: " +
        "upload the picture with Insert image instead of linking to another site.",
    );
  });

  it("refuses site paths outside /media/ too", () => {
    expect(refusal(docOf(figureNode({ src: "/a.jpg" })))).toBe(VALIDATION_MESSAGES.foreignImage);
  });

  it("accepts our own uploads, and an admin's allow-listed origin only when the server passes it", () => {
    expect(accepted(docOf(figureNode({ src: OWN, alt: "x" }))).doc).toBeTruthy();
    const allowListed = docOf(figureNode({ src: "https://images.example.org/a.jpg" }));
    expect(refusal(allowListed)).toMatch(/images\.example\.org/);
    expect(validateStoryBody(allowListed, { imageOrigins: ["https://images.example.org"] }).ok).toBe(true);
  });
});

describe("validateStoryBody: links are stored as readers follow them", () => {
  it("adds https:// to a bare domain and mailto: to an address", () => {
    const { doc } = accepted(docOf(paragraph(linkedText("bread", "example.org/bread"), textNode(" "), linkedText("mail", "desk@example.org"))));
    const hrefs = (doc.content?.[0].content ?? []).flatMap((node) => (node.marks ?? []).map((mark) => mark.attrs?.href));
    expect(hrefs).toEqual(["https://example.org/bread", "mailto:desk@example.org"]);
  });
});

describe("validateStoryBody: tables and raised or lowered text", () => {
  const table = (cell: JSONContent, attrs?: Record<string, unknown>) => ({
    type: "table",
    ...(attrs ? { attrs } : {}),
    content: [{ type: "tableRow", content: [cell] }],
  });

  it("accepts tables with header cells, spans, a caption and marks in cells", () => {
    const { doc } = accepted(fullStoryDoc);
    const stored = doc.content?.find((node) => node.type === "table");
    expect(stored?.attrs).toEqual({ caption: "Votes by ward" });
    expect(stored?.content?.[2].content?.[0].attrs).toEqual({ colspan: 2, rowspan: 1 });
  });

  it("refuses spans out of range, a long caption and blocks other than paragraphs inside a cell", () => {
    expect(refusal(docOf(table({ ...tableCell("tableCell", textNode("x")), attrs: { colspan: 0, rowspan: 1 } })))).toBe(
      "A table cell may span between 1 and 50 rows or columns.",
    );
    expect(refusal(docOf(table({ ...tableCell("tableCell", textNode("x")), attrs: { colspan: 1, rowspan: 51 } })))).toBe(
      "A table cell may span between 1 and 50 rows or columns.",
    );
    expect(refusal(docOf(table(tableCell("tableCell", textNode("x")), { caption: "c".repeat(501) })))).toBe(
      "A table caption must be text of at most 500 characters.",
    );
    expect(refusal(docOf(table({ type: "tableCell", content: [{ type: "bulletList", content: [{ type: "listItem", content: [paragraph(textNode("x"))] }] }] })))).toBe(
      "The story body has content that is not allowed inside a table cell.",
    );
    expect(refusal(docOf(table({ type: "tableCell", attrs: { colwidth: "100" }, content: [paragraph(textNode("x"))] })))).toMatch(
      /unsupported setting "colwidth" on a table cell/,
    );
    expect(refusal(docOf({ type: "tableRow", content: [tableCell("tableCell", textNode("x"))] }))).toBe(
      "The story body has content that is not allowed inside the document.",
    );
  });

  it("accepts superscript and subscript, but not both on one piece of text", () => {
    accepted(docOf(paragraph(textNode("x"), textNode("2", [{ type: "superscript" }]))));
    expect(refusal(docOf(paragraph(textNode("2", [{ type: "superscript" }, { type: "subscript" }]))))).toBe(VALIDATION_MESSAGES.malformed);
  });
});

describe("storyBodySchema", () => {
  it("accepts a document and returns it unchanged", () => {
    const parsed = storyBodySchema.safeParse(fullStoryDoc);
    expect(parsed.success).toBe(true);
    expect(parsed.data).toEqual(fullStoryDoc);
  });

  it.each([
    ["a non-doc root", { type: "paragraph" }],
    ["an extra key", { type: "doc", content: [], html: "<b>" }],
    ["a numeric type", { type: "doc", content: [{ type: 3 }] }],
    ["an object attribute", { type: "doc", content: [{ type: "paragraph", attrs: { a: { b: 1 } } }] }],
    ["an array attribute", { type: "doc", content: [{ type: "paragraph", attrs: { a: [1] } }] }],
    ["a mark without type", { type: "doc", content: [{ type: "text", text: "x", marks: [{}] }] }],
    ["an empty type", { type: "doc", content: [{ type: "" }] }],
    ["a string", "doc"],
  ])("rejects %s", (_label, input) => {
    expect(storyBodySchema.safeParse(input).success).toBe(false);
  });

  it("rejects a 100,000-level-deep body with a message instead of overflowing", () => {
    let node: Record<string, unknown> = { type: "text", text: "x" };
    for (let i = 0; i < 100_000; i++) node = { type: "blockquote", content: [node] };
    const parsed = storyBodySchema.safeParse({ type: "doc", content: [node] });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0].message).toBe("The story body is nested too deeply.");
  });

  it("composes into a strict action schema", async () => {
    const { z } = await import("zod");
    const saveSchema = z.strictObject({ storyId: z.string(), body: storyBodySchema });
    expect(saveSchema.safeParse({ storyId: "s1", body: emptyDoc() }).success).toBe(true);
    expect(saveSchema.safeParse({ storyId: "s1", body: { type: "para" } }).success).toBe(false);
  });
});
