/**
 * The save action as an attacker or a broken client reaches it: a public POST endpoint. Every
 * bad input gets a clear, typed refusal (never a thrown error, never raw error text) and writes
 * nothing at all.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { setDbHandleForTests } from "@/lib/db";
import * as schema from "@/lib/db/schema";
import type { DbHandle } from "@/lib/db/open";
import { openTestDatabase } from "@/lib/testing/test-db";
import { bodyOf, countWrites, draftOf, seedNewsroom, storySnapshot, type TestNewsroom, type TestPerson } from "@/lib/testing/story-fixtures";
import { docOf, figureNode, linkedText, nestedDoc, paragraph, textNode } from "@/lib/content/test-fixtures";
import { HOSTILE_URLS } from "@/lib/content/xss-corpus";
import { createStory } from "@/lib/stories/commands";

const session = vi.hoisted(() => ({ viewer: null as null | TestPerson }));

vi.mock("@/lib/auth/viewer", () => ({
  requireViewer: async () => {
    if (!session.viewer) throw new Error("NEXT_REDIRECT");
    return session.viewer;
  },
  getViewer: async () => session.viewer,
}));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn() }));

const { saveStoryAction } = await import("./actions");
const { createStoryAction } = await import("../new/actions");

let handle: DbHandle;
let newsroom: TestNewsroom;
let storyId: string;
let takenSlug: string;

beforeAll(async () => {
  handle = await openTestDatabase();
  setDbHandleForTests(handle);
  newsroom = await seedNewsroom(handle);
  const mine = await createStory(newsroom.reporter, draftOf({ headline: "The reporter's story" }));
  const theirs = await createStory(newsroom.otherReporter, draftOf({ headline: "Someone else's story" }));
  if (!mine.ok || !theirs.ok) throw new Error("fixture stories");
  storyId = mine.storyId;
  // Only a story that is or was live reserves its slug (drafts may share one): make theirs an
  // archive story that went live once.
  await handle.db.update(schema.stories).set({ firstPublishedAt: new Date("2016-12-01T16:10:00Z") }).where(eq(schema.stories.id, theirs.storyId));
  takenSlug = theirs.slug;
});

afterAll(async () => {
  setDbHandleForTests(undefined);
  await handle?.close();
});

beforeEach(() => {
  session.viewer = newsroom.reporter;
});

function saveInput(draft: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return { storyId, baseVersion: 1, kind: "manual", draft: { ...draftOf(), ...draft }, ...extra };
}

const hugeText = "word ".repeat(Math.ceil((2 * 1024 * 1024) / 5) + 1000);

const BAD_BODIES: Array<[string, unknown]> = [
  ["an unknown node", docOf({ type: "script", content: [textNode("alert(1)")] })],
  ["an unknown node inside a list", docOf({ type: "bulletList", content: [{ type: "listItem", content: [{ type: "iframe" }] }] })],
  ["an unknown mark", docOf(paragraph(textNode("styled", [{ type: "underline" }])))],
  ["an unknown attribute", docOf({ type: "paragraph", attrs: { style: "color:red" }, content: [textNode("x")] })],
  ["an unknown attribute on a link", docOf(paragraph(textNode("x", [{ type: "link", attrs: { href: "https://example.com", onclick: "alert(1)" } }])))],
  ["a prototype-polluting key", JSON.parse('{"type":"doc","content":[{"type":"paragraph","__proto__":{"polluted":true}}]}')],
  ["heading level 9", docOf({ type: "heading", attrs: { level: 9 }, content: [textNode("Too deep a heading")] })],
  ["heading level 1", docOf({ type: "heading", attrs: { level: 1 }, content: [textNode("Reserved for the headline")] })],
  ["nesting deeper than 50", nestedDoc(51)],
  ["nesting far deeper than 50", nestedDoc(5000)],
  ["a body over 2 MB", docOf(paragraph(textNode(hugeText)))],
  ["not a document", paragraph(textNode("no doc"))],
  ["a string instead of a document", "<p>html</p>"],
  ["a figure with a javascript: image", docOf(figureNode({ src: "javascript:alert(1)", alt: "" }))],
  ["a figure with a data: image", docOf(figureNode({ src: "data:image/svg+xml;base64,PHN2Zy8+", alt: "" }))],
  ["a figure with a vbscript: image", docOf(figureNode({ src: "VBScript:msgbox(1)", alt: "" }))],
  ["a figure with an entity-encoded javascript: image", docOf(figureNode({ src: "&#106;avascript:alert(1)", alt: "" }))],
  ["a link with data:", docOf(paragraph(linkedText("x", "data:text/html,<script>alert(1)</script>")))],
  ["a link with vbscript:", docOf(paragraph(linkedText("x", " vbscript:msgbox(1)")))],
  ["an empty text node", docOf(paragraph({ type: "text", text: "" }))],
];

describe("saveStoryAction refuses bad input with a clear message and no writes", () => {
  const cases: Array<[string, () => unknown]> = [
    ...BAD_BODIES.map(([name, body]): [string, () => unknown] => [`body: ${name}`, () => saveInput({ body })]),
    ...HOSTILE_URLS.map((url): [string, () => unknown] => [`link ${JSON.stringify(url).slice(0, 60)}`, () => saveInput({ body: docOf(paragraph(linkedText("click", url))) })]),
    ...HOSTILE_URLS.filter((_, i) => i % 3 === 0).map((url): [string, () => unknown] => [
      `image ${JSON.stringify(url).slice(0, 60)}`,
      () => saveInput({ body: docOf(figureNode({ src: url, alt: "x", caption: "", credit: "", width: null, height: null, mediaId: null })) }),
    ]),
    ["an empty headline", () => saveInput({ headline: "" })],
    ["a blank headline", () => saveInput({ headline: " \n\t " })],
    ["a headline over 300 characters", () => saveInput({ headline: "x".repeat(301) })],
    ["a headline with a NUL character", () => saveInput({ headline: "Nul\u0000byte" })],
    ["body text with a NUL character", () => saveInput({ body: bodyOf("Nul\u0000byte") })],
    ["body text with a lone surrogate", () => saveInput({ body: bodyOf("broken \ud800 pair") })],
    ["a slug another story uses", () => saveInput({ slug: takenSlug })],
    ["an invalid slug", () => saveInput({ slug: "Not A Slug!" })],
    ["a slug with a path", () => saveInput({ slug: "../admin" })],
    ["an unknown section", () => saveInput({ sectionId: "00000000-0000-4000-8000-000000000000" })],
    ["a section that is not an id", () => saveInput({ sectionId: "news" })],
    ["an unknown language", () => saveInput({ language: "xx" })],
    ["a byline naming a stranger", () => saveInput({ bylines: [{ userId: "00000000-0000-4000-8000-000000000000", name: "Ghost" }] })],
    ["an unknown featured image", () => saveInput({ featuredMediaId: "00000000-0000-4000-8000-000000000000" })],
    ["a key the editor does not own (status)", () => saveInput({}, { status: "published" })],
    ["a draft key the editor does not own (authorId)", () => saveInput({ authorId: newsroom.otherReporter.id })],
    ["a base version that is not a number", () => saveInput({}, { baseVersion: "1" })],
    ["a story id that is not an id", () => saveInput({}, { storyId: "1 or 1=1" })],
    ["no input at all", () => undefined],
    ["a bare string", () => "headline=x"],
  ];

  it.each(cases)("%s", async (_name, makeInput) => {
    const before = await countWrites(handle);
    const snapshot = await storySnapshot(handle, storyId);
    const result = await saveStoryAction(makeInput());
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(["invalid", "not_found", "forbidden"]).toContain(result.kind);
    expect(typeof result.message).toBe("string");
    expect(result.message.length).toBeGreaterThan(5);
    // People's wording, not a stack trace or a database error.
    expect(result.message).not.toMatch(/Error|at \w+ \(|violat|syntax|constraint|undefined|null|\bSQL\b|ZodError|expected/i);
    expect(await countWrites(handle)).toEqual(before);
    expect(await storySnapshot(handle, storyId)).toEqual(snapshot);
  });

  it("refuses another reporter's draft and a story in review (server-side, nothing written)", async () => {
    const theirs = await createStory(newsroom.otherReporter, draftOf({ headline: "Private draft" }));
    if (!theirs.ok) throw new Error("fixture");
    const before = await countWrites(handle);
    const foreign = await saveStoryAction({ storyId: theirs.storyId, baseVersion: 1, kind: "manual", draft: draftOf({ body: bodyOf("Overwritten") }) });
    expect(foreign).toMatchObject({ ok: false, kind: "not_found" });
    expect(await countWrites(handle)).toEqual(before);
  });

  it("accepts a good save and reports the new version", async () => {
    const snapshot = await storySnapshot(handle, storyId);
    const result = await saveStoryAction(saveInput({ headline: "A good headline", body: bodyOf("Fine words.") }, { baseVersion: snapshot.version }));
    expect(result).toMatchObject({ ok: true, storyId, version: (snapshot.version as number) + 1 });
  });
});

describe("createStoryAction", () => {
  it("creates a draft owned by the viewer and refuses bad input without writing", async () => {
    const before = await countWrites(handle);
    const bad = await createStoryAction({ draft: { ...draftOf(), headline: "" } });
    expect(bad).toMatchObject({ ok: false, kind: "invalid" });
    const smuggled = await createStoryAction({ draft: draftOf(), authorId: newsroom.editor.id });
    expect(smuggled).toMatchObject({ ok: false, kind: "invalid" });
    expect(await countWrites(handle)).toEqual(before);

    const good = await createStoryAction({ draft: draftOf({ headline: "مجلس حلب يطالب بممرات آمنة", language: "ar" }) });
    expect(good).toMatchObject({ ok: true, version: 1 });
    if (good.ok) expect(good.slug).toMatch(/^[a-z0-9-]+$/);
  });
});
