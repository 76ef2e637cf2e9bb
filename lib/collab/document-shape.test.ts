import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { JSONContent } from "@tiptap/core";
import { plainTextToDoc } from "@/lib/content/text";
import { fullStoryDoc } from "@/lib/content/test-fixtures";
import { validateStoryBody } from "@/lib/content/validate";
import { parseSeedArticle } from "@/lib/stories/sample/parse-seed-article";
import { SEED_ARTICLE_TEXT } from "@/lib/stories/sample/seed-article";
import { draftOf } from "@/lib/testing/fixtures";
import { readBodyJson, readSharedFields, writeWorkingCopy } from "./document-shape";
import { deriveWorkingCopy } from "./derive";

/** A story written before shared documents, opened as one and read back. */
function roundTrip(body: JSONContent) {
  const draft = draftOf({ body, headline: "Council approves budget", standfirst: "The vote was close.", tags: ["budget"] });
  const normalized = validateStoryBody(body);
  if (!normalized.ok) throw new Error(normalized.message);
  const doc = new Y.Doc();
  writeWorkingCopy(doc, { ...draft, body: normalized.doc });
  // Through the wire format, as a client receives it.
  const received = new Y.Doc();
  Y.applyUpdate(received, Y.encodeStateAsUpdate(doc));
  return { draft, expected: normalized.doc, received };
}

describe("existing stories open as shared documents", () => {
  it("keeps the sample article's text intact", () => {
    const article = parseSeedArticle(SEED_ARTICLE_TEXT);
    const { expected, received } = roundTrip(plainTextToDoc(article.paragraphs.join("\n\n")));
    expect(readBodyJson(received)).toEqual(expected);
  });

  it("keeps marks, links, headings, lists, quotes and figures of the full fixture intact, and derives the same working copy", () => {
    const { draft, expected, received } = roundTrip(fullStoryDoc);
    // y-prosemirror leaves out null attributes and writes empty mark attrs; the schema restores both.
    const reread = validateStoryBody(readBodyJson(received));
    expect(reread.ok && reread.doc).toEqual(expected);
    const derived = deriveWorkingCopy(received, { ...draft });
    expect(derived).toMatchObject({ ok: true, deferred: [] });
    if (derived.ok) {
      expect(derived.draft.body).toEqual(expected);
      expect(derived.draft.headline).toBe("Council approves budget");
      expect(derived.draft.tags).toEqual(["budget"]);
    }
    expect(readSharedFields(received)).toMatchObject({ standfirst: "The vote was close.", tags: ["budget"] });
  });

  it("rebuilding from a changed row changes only what differs: an untouched paragraph keeps its identity", () => {
    const body = validateStoryBody(plainTextToDoc("First paragraph.\n\nSecond paragraph."));
    if (!body.ok) throw new Error(body.message);
    const doc = new Y.Doc();
    writeWorkingCopy(doc, { ...draftOf(), body: body.doc });
    const first = doc.getXmlFragment("body").get(0);
    const changed = validateStoryBody(plainTextToDoc("First paragraph.\n\nSecond paragraph, edited."));
    if (!changed.ok) throw new Error(changed.message);
    writeWorkingCopy(doc, { ...draftOf(), body: changed.doc });
    expect(doc.getXmlFragment("body").get(0)).toBe(first);
    expect(readBodyJson(doc)).toEqual(changed.doc);
  });

  it("defers an emptied headline and refuses a javascript: link", () => {
    const doc = new Y.Doc();
    writeWorkingCopy(doc, { ...draftOf(), body: validateStoryBody(plainTextToDoc("Text.")).ok ? (validateStoryBody(plainTextToDoc("Text.")) as { doc: JSONContent }).doc : {} });
    const headline = doc.getMap("fields").get("headline") as Y.Text;
    headline.delete(0, headline.length);
    const fallback = { ...draftOf(), headline: "Kept headline" };
    expect(deriveWorkingCopy(doc, fallback)).toMatchObject({ ok: true, deferred: ["headline"], draft: { headline: "Kept headline" } });
    const text = (doc.getXmlFragment("body").get(0) as Y.XmlElement).get(0) as Y.XmlText;
    text.format(0, 2, { link: { href: "javascript:alert(1)" } });
    expect(deriveWorkingCopy(doc, fallback)).toMatchObject({ ok: false });
  });

  it("accepts body text in a new story that has never had a headline, as incomplete, and still refuses bad content in it", () => {
    const body = validateStoryBody(plainTextToDoc("Filed before the headline."));
    if (!body.ok) throw new Error(body.message);
    const doc = new Y.Doc();
    writeWorkingCopy(doc, { ...draftOf({ headline: "", slug: "" }), body: body.doc });
    const fallback = { ...draftOf(), headline: "", slug: "" };
    expect(deriveWorkingCopy(doc, fallback)).toMatchObject({ ok: true, incomplete: true, deferred: ["headline"] });
    // A first headline over the limit is kept in the document too, not refused.
    (doc.getMap("fields").get("headline") as Y.Text).insert(0, "x".repeat(301));
    expect(deriveWorkingCopy(doc, fallback)).toMatchObject({ ok: true, incomplete: true, deferred: ["headline"] });
    (doc.getMap("fields").get("headline") as Y.Text).delete(0, 301);
    (doc.getMap("fields").get("headline") as Y.Text).insert(0, "Council votes");
    expect(deriveWorkingCopy(doc, fallback)).toMatchObject({ ok: true, incomplete: false, draft: { headline: "Council votes" } });
    const text = (doc.getXmlFragment("body").get(0) as Y.XmlElement).get(0) as Y.XmlText;
    text.format(0, 2, { link: { href: "javascript:alert(1)" } });
    expect(deriveWorkingCopy(doc, fallback)).toMatchObject({ ok: false });
  });
});
