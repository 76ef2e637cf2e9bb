/**
 * The story editor's guarantees, against a real database: no lost update (a stale save is a
 * conflict and both texts survive), revisions (manual saves, autosaves at most every 5 minutes,
 * restores that destroy nothing) and the edit policy enforced on the row.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { asc, eq } from "drizzle-orm";
import { setDbHandleForTests } from "@/lib/db";
import { resetEnvForTests } from "@/lib/env";
import type { DbHandle } from "@/lib/db/open";
import * as schema from "@/lib/db/schema";
import { openTestDatabase } from "@/lib/testing/test-db";
import { bodyOf, countWrites, draftOf, seedNewsroom, storySnapshot, type TestNewsroom } from "@/lib/testing/story-fixtures";
import { transitionStory } from "@/lib/publishing/commands";
import { AUTOSAVE_REVISION_INTERVAL_MS, createStory, restoreRevision, saveStory } from "./commands";
import type { StoryDraft } from "./schemas";

let handle: DbHandle;
let newsroom: TestNewsroom;

beforeAll(async () => {
  handle = await openTestDatabase();
  setDbHandleForTests(handle);
  newsroom = await seedNewsroom(handle);
});

afterAll(async () => {
  setDbHandleForTests(undefined);
  await handle?.close();
});

async function newStory(author = newsroom.reporter, now = new Date()) {
  const created = await createStory(author, draftOf({ headline: `Story ${Math.random().toString(36).slice(2)}` }), now);
  if (!created.ok) throw new Error(`could not create: ${JSON.stringify(created)}`);
  return created;
}

async function revisionsOf(storyId: string) {
  return handle.db.select().from(schema.storyRevisions).where(eq(schema.storyRevisions.storyId, storyId)).orderBy(asc(schema.storyRevisions.number));
}

describe("optimistic concurrency", () => {
  it("lets the first of two writers win and hands the second a conflict, keeping both texts", async () => {
    const story = await newStory();
    const first = await saveStory(newsroom.reporter, { storyId: story.storyId, baseVersion: story.version, kind: "autosave", draft: draftOf({ headline: "Headline A", body: bodyOf("Text from the first tab.") }) });
    expect(first).toMatchObject({ ok: true, version: story.version + 1 });

    // Same person, second tab, still editing the version it loaded: a second writer.
    const second = await saveStory(newsroom.reporter, { storyId: story.storyId, baseVersion: story.version, kind: "autosave", draft: draftOf({ headline: "Headline B", body: bodyOf("Text from the second tab.") }) });
    expect(second.ok).toBe(false);
    if (second.ok || second.kind !== "conflict") throw new Error("expected a conflict");
    expect(second.server.version).toBe(story.version + 1);
    expect(second.server.headline).toBe("Headline A");
    expect(JSON.stringify(second.server.body)).toContain("Text from the first tab.");

    // The winner is the working copy; the loser is a revision of its own.
    const row = await storySnapshot(handle, story.storyId);
    expect(row.version).toBe(story.version + 1);
    expect(row.body_text).toBe("Text from the first tab.");
    const kept = (await revisionsOf(story.storyId)).find((r) => r.number === second.keptRevisionNumber);
    expect(kept).toMatchObject({ kind: "conflict", headline: "Headline B", bodyText: "Text from the second tab.", storyVersion: story.version });
  });

  it("lets exactly one of two simultaneous saves of the same version through", async () => {
    const story = await newStory();
    const results = await Promise.all(
      [newsroom.reporter, newsroom.editor].map((who, i) =>
        saveStory(who, { storyId: story.storyId, baseVersion: story.version, kind: "autosave", draft: draftOf({ body: bodyOf(`Writer ${i} was here.`) }) }),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const losers = results.filter((r) => !r.ok && r.kind === "conflict");
    expect(losers).toHaveLength(1);
    const texts = [(await storySnapshot(handle, story.storyId)).body_text, ...(await revisionsOf(story.storyId)).map((r) => r.bodyText)];
    expect(texts).toContain("Writer 0 was here.");
    expect(texts).toContain("Writer 1 was here.");
  });

  it("keeps the other writer's text as a revision when the loser chooses to keep theirs", async () => {
    const story = await newStory();
    const t0 = new Date(Date.now() + 60_000);
    // An autosave within five minutes of the last revision writes no revision of its own…
    const a = await saveStory(newsroom.editor, { storyId: story.storyId, baseVersion: 1, kind: "autosave", draft: draftOf({ body: bodyOf("The editor's rewrite.") }) }, t0);
    expect(a.ok).toBe(true);
    const conflict = await saveStory(newsroom.reporter, { storyId: story.storyId, baseVersion: 1, kind: "autosave", draft: draftOf({ body: bodyOf("The reporter's version.") }) }, t0);
    expect(conflict).toMatchObject({ ok: false, kind: "conflict" });
    // …so "keep mine" must snapshot it before overwriting.
    const keep = await saveStory(
      newsroom.reporter,
      { storyId: story.storyId, baseVersion: 2, kind: "manual", resolvesConflict: true, draft: draftOf({ body: bodyOf("The reporter's version.") }) },
      t0,
    );
    expect(keep).toMatchObject({ ok: true, version: 3 });
    const texts = (await revisionsOf(story.storyId)).map((r) => r.bodyText);
    expect(texts).toContain("The editor's rewrite.");
    expect(texts).toContain("The reporter's version.");
    expect((await storySnapshot(handle, story.storyId)).body_text).toBe("The reporter's version.");
  });
});

describe("revisions", () => {
  it("writes one on every manual save and at most one per five minutes of autosaving", async () => {
    const t0 = new Date("2030-01-01T09:00:00Z");
    const story = await newStory(newsroom.reporter, t0);
    expect(await revisionsOf(story.storyId)).toHaveLength(1);
    let version = story.version;
    const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
    const save = async (kind: "manual" | "autosave", minutes: number) => {
      const result = await saveStory(newsroom.reporter, { storyId: story.storyId, baseVersion: version, kind, draft: draftOf({ body: bodyOf(`At minute ${minutes}.`) }) }, at(minutes));
      if (!result.ok) throw new Error(JSON.stringify(result));
      version = result.version;
      return (await revisionsOf(story.storyId)).length;
    };
    expect(await save("autosave", 1)).toBe(1);
    expect(await save("autosave", 2)).toBe(1);
    expect(await save("autosave", 4.9)).toBe(1);
    expect(await save("autosave", AUTOSAVE_REVISION_INTERVAL_MS / 60_000)).toBe(2);
    expect(await save("autosave", 6)).toBe(2);
    expect(await save("manual", 7)).toBe(3);
    expect(await save("manual", 7.1)).toBe(4);
    expect(await save("autosave", 8)).toBe(4);
    expect(await save("autosave", 12.1)).toBe(5);
    const kinds = (await revisionsOf(story.storyId)).map((r) => `${r.kind}:${r.bodyText}`);
    expect(kinds).toEqual(["manual:The council voted on Tuesday.", "autosave:At minute 5.", "manual:At minute 7.", "manual:At minute 7.1.", "autosave:At minute 12.1."]);
  });

  it("restores an old version as a new revision and destroys none", async () => {
    const story = await newStory();
    const second = await saveStory(newsroom.reporter, { storyId: story.storyId, baseVersion: 1, kind: "manual", draft: draftOf({ headline: "Second", body: bodyOf("Second text.") }) });
    if (!second.ok) throw new Error("save failed");
    const before = await revisionsOf(story.storyId);
    const first = before[0]!;

    const refused = await restoreRevision(newsroom.reporter, { storyId: story.storyId, revisionId: first.id, baseVersion: second.version });
    expect(refused).toMatchObject({ ok: false, kind: "forbidden" });
    expect(await revisionsOf(story.storyId)).toEqual(before);

    const restored = await restoreRevision(newsroom.editor, { storyId: story.storyId, revisionId: first.id, baseVersion: second.version });
    expect(restored).toMatchObject({ ok: true, version: second.version + 1 });
    const after = await revisionsOf(story.storyId);
    expect(after).toHaveLength(before.length + 1);
    // Every earlier revision is still there, unchanged.
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after.at(-1)).toMatchObject({ kind: "restore", bodyText: first.bodyText, headline: first.headline });
    const row = await storySnapshot(handle, story.storyId);
    expect(row.body_text).toBe(first.bodyText);

    // Restoring over a version the restorer has not seen is refused, not applied.
    const stale = await restoreRevision(newsroom.editor, { storyId: story.storyId, revisionId: first.id, baseVersion: second.version });
    expect(stale).toMatchObject({ ok: false, kind: "conflict" });
    expect(await revisionsOf(story.storyId)).toHaveLength(after.length);
  });
});

describe("images from other sites", () => {
  const hotLinked = {
    type: "doc",
    content: [
      { type: "paragraph", content: [{ type: "text", text: "Stalls by year." }] },
      { type: "figure", attrs: { src: "https://lh7-rt.googleusercontent.com/docsz/AD_4nXc.png", alt: "Chart" } },
    ],
  } as StoryDraft["body"];

  afterEach(() => {
    delete process.env.DATELINE_IMAGE_ORIGINS;
    resetEnvForTests();
  });

  it("refuses a story whose image is hot-linked from another site, naming it and writing nothing", async () => {
    const story = await newStory(newsroom.reporter);
    const before = await countWrites(handle);
    const snapshot = await storySnapshot(handle, story.storyId);
    const result = await saveStory(newsroom.reporter, { storyId: story.storyId, baseVersion: story.version, kind: "manual", draft: draftOf({ body: hotLinked }) });
    expect(result).toMatchObject({ ok: false, kind: "invalid" });
    if (!result.ok) expect(result.message).toMatch(/^An image comes from another site \(lh7-rt\.googleusercontent\.com\)\. Images must come from the newsroom's media library/);
    expect(await countWrites(handle)).toEqual(before);
    expect(await storySnapshot(handle, story.storyId)).toEqual(snapshot);
  });

  it("accepts an image from an origin the admin allowed in DATELINE_IMAGE_ORIGINS", async () => {
    process.env.DATELINE_IMAGE_ORIGINS = "https://lh7-rt.googleusercontent.com";
    resetEnvForTests();
    const story = await newStory(newsroom.reporter);
    const result = await saveStory(newsroom.reporter, { storyId: story.storyId, baseVersion: story.version, kind: "manual", draft: draftOf({ body: hotLinked }) });
    expect(result.ok).toBe(true);
  });
});

describe("who may save", () => {
  it("refuses a reporter saving another reporter's draft, writing nothing", async () => {
    const story = await newStory(newsroom.otherReporter);
    const before = await countWrites(handle);
    const snapshot = await storySnapshot(handle, story.storyId);
    const result = await saveStory(newsroom.reporter, { storyId: story.storyId, baseVersion: story.version, kind: "manual", draft: draftOf({ body: bodyOf("Hijacked.") }) });
    expect(result).toMatchObject({ ok: false, kind: "not_found" });
    expect(await countWrites(handle)).toEqual(before);
    expect(await storySnapshot(handle, story.storyId)).toEqual(snapshot);
    // Not even a conflict revision for a stale version: permission is checked first.
    const stale = await saveStory(newsroom.reporter, { storyId: story.storyId, baseVersion: 99, kind: "manual", draft: draftOf() });
    expect(stale).toMatchObject({ ok: false, kind: "not_found" });
    expect(await countWrites(handle)).toEqual(before);
  });

  it("refuses a reporter saving their own story while it is in review, writing nothing", async () => {
    const story = await newStory(newsroom.reporter);
    const submitted = await transitionStory(newsroom.reporter, { storyId: story.storyId, action: "submit" });
    expect(submitted).toMatchObject({ ok: true, status: "in_review" });
    const before = await countWrites(handle);
    const snapshot = await storySnapshot(handle, story.storyId);
    const result = await saveStory(newsroom.reporter, { storyId: story.storyId, baseVersion: story.version, kind: "autosave", draft: draftOf({ body: bodyOf("Sneaky edit.") }) });
    expect(result).toMatchObject({ ok: false, kind: "forbidden" });
    if (!result.ok) expect(result.message).toMatch(/in review/);
    expect(await countWrites(handle)).toEqual(before);
    expect(await storySnapshot(handle, story.storyId)).toEqual(snapshot);

    // The editor reviewing it may.
    const edited = await saveStory(newsroom.editor, { storyId: story.storyId, baseVersion: story.version, kind: "manual", draft: draftOf({ body: bodyOf("Tightened by the desk.") }) });
    expect(edited.ok).toBe(true);
  });

  it("refuses a featured image that does not exist instead of failing in the database", async () => {
    const story = await newStory();
    const before = await countWrites(handle);
    const result = await saveStory(newsroom.reporter, {
      storyId: story.storyId,
      baseVersion: story.version,
      kind: "manual",
      draft: draftOf({ featuredMediaId: "00000000-0000-4000-8000-000000000000" }),
    });
    expect(result).toMatchObject({ ok: false, kind: "invalid" });
    expect(await countWrites(handle)).toEqual(before);
  });
});
