import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { setDbHandleForTests } from "@/lib/db";
import type { DbHandle } from "@/lib/db/open";
import * as schema from "@/lib/db/schema";
import { openTestDatabase } from "@/lib/testing/test-db";
import { draftOf, insertSection, insertSettings, insertUser, snapshotDatabase, type TestUser } from "@/lib/testing/fixtures";
import { transitionStory } from "@/lib/publishing/commands";
import { listReviewQueue } from "@/lib/publishing/queries";
import { createStory, saveStory } from "./commands";
import { countStoriesByStatus, listDeskStories, listTrash } from "./queries";
import { deleteStoryForGood, emptyTrash, moveStoryToTrash, restoreStoryFromTrash } from "./trash";

let handle: DbHandle;
let reporter: TestUser;
let otherReporter: TestUser;
let editor: TestUser;
let section: { id: string; path: string };

beforeAll(async () => {
  handle = await openTestDatabase();
  setDbHandleForTests(handle);
  await insertSettings(handle);
  reporter = await insertUser(handle, "reporter", "Rana Haddad");
  otherReporter = await insertUser(handle, "reporter", "Omar Said");
  editor = await insertUser(handle, "editor", "Lina Editor");
  section = await insertSection(handle, "Coalition News");
});
afterAll(async () => {
  setDbHandleForTests(undefined);
  await handle?.close();
});

const unique = () => Math.random().toString(36).slice(2, 8);

async function newStory(owner: TestUser = reporter, overrides: Parameters<typeof draftOf>[0] = {}) {
  const created = await createStory(owner, draftOf({ headline: `Story ${unique()}`, sectionId: section.id, ...overrides }));
  if (!created.ok) throw new Error(created.message);
  return created;
}

/** The version an editor has on screen: publishing transitions name it. */
async function reviewed(storyId: string) {
  return { kind: "version" as const, version: (await row(storyId))!.version };
}

async function row(storyId: string) {
  const [found] = await handle.db.select().from(schema.stories).where(eq(schema.stories.id, storyId));
  return found;
}

describe("moving a story to the trash", () => {
  it("a reporter trashes their own draft: it leaves the desk list, the counts and the review queue, and shows in their trash", async () => {
    const story = await newStory();
    expect((await transitionStory(reporter, { storyId: story.storyId, action: "submit" })).ok).toBe(true);
    const queuedBefore = (await listReviewQueue(editor))!.map((s) => s.id);
    expect(queuedBefore).toContain(story.storyId);
    const countBefore = (await countStoriesByStatus(reporter)).in_review;

    expect(await moveStoryToTrash(reporter, story.storyId)).toEqual({ ok: true, storyId: story.storyId });

    expect((await listDeskStories(reporter)).map((s) => s.id)).not.toContain(story.storyId);
    expect((await listReviewQueue(editor))!.map((s) => s.id)).not.toContain(story.storyId);
    expect((await countStoriesByStatus(reporter)).in_review).toBe(countBefore - 1);
    const trash = await listTrash(reporter);
    expect(trash).toContainEqual(expect.objectContaining({ id: story.storyId, trashedByName: "Rana Haddad", authorName: "Rana Haddad" }));
    const audit = await handle.db.select().from(schema.auditEvents).where(eq(schema.auditEvents.targetId, story.storyId));
    expect(audit.map((a) => a.action)).toContain("story.trash");
  });

  it("refuses another reporter's story without saying it exists, and writes nothing", async () => {
    const story = await newStory(reporter);
    const before = await snapshotDatabase(handle);
    expect(await moveStoryToTrash(otherReporter, story.storyId)).toMatchObject({ ok: false, kind: "not_found" });
    expect(await snapshotDatabase(handle)).toEqual(before);
    expect((await listTrash(otherReporter)).map((s) => s.id)).not.toContain(story.storyId);
  });

  it("lets an editor trash anyone's draft, and the reporter then finds it in their own trash", async () => {
    const story = await newStory(reporter);
    expect((await moveStoryToTrash(editor, story.storyId)).ok).toBe(true);
    expect((await listTrash(reporter)).map((s) => s.id)).toContain(story.storyId);
    expect((await listTrash(editor)).map((s) => s.id)).toContain(story.storyId);
  });

  it("refuses a story that was ever published, and a scheduled one, with a reason and no write", async () => {
    const live = await newStory();
    expect((await transitionStory(editor, { storyId: live.storyId, reviewed: await reviewed(live.storyId), action: "publish" })).ok).toBe(true);
    const before = await snapshotDatabase(handle);
    expect(await moveStoryToTrash(editor, live.storyId)).toEqual({ ok: false, kind: "forbidden", message: expect.stringContaining("unpublish it instead") });
    expect((await transitionStory(editor, { storyId: live.storyId, action: "unpublish", note: "Legal" })).ok).toBe(true);
    const afterUnpublish = await snapshotDatabase(handle);
    expect(await moveStoryToTrash(editor, live.storyId)).toMatchObject({ ok: false, kind: "forbidden" });
    expect(await snapshotDatabase(handle)).toEqual(afterUnpublish);
    expect(before).not.toEqual(afterUnpublish);

    const scheduled = await newStory();
    await transitionStory(reporter, { storyId: scheduled.storyId, action: "submit" });
    await transitionStory(editor, { storyId: scheduled.storyId, reviewed: await reviewed(scheduled.storyId), action: "approve" });
    expect((await transitionStory(editor, { storyId: scheduled.storyId, reviewed: await reviewed(scheduled.storyId), action: "schedule", publishAt: new Date(Date.now() + 3600_000) })).ok).toBe(true);
    expect(await moveStoryToTrash(editor, scheduled.storyId)).toEqual({ ok: false, kind: "forbidden", message: expect.stringContaining("unschedule it") });
  });

  it("a trashed story cannot be saved or moved through the workflow until it is restored", async () => {
    const story = await newStory();
    await moveStoryToTrash(reporter, story.storyId);
    const save = await saveStory(reporter, { storyId: story.storyId, baseVersion: story.version, kind: "autosave", draft: draftOf({ headline: "Edited in the trash", sectionId: section.id }) });
    expect(save).toMatchObject({ ok: false, kind: "forbidden", message: expect.stringContaining("in the trash") });
    expect(await transitionStory(reporter, { storyId: story.storyId, action: "submit" })).toMatchObject({ ok: false, message: expect.stringContaining("in the trash") });
    expect(await transitionStory(editor, { storyId: story.storyId, reviewed: await reviewed(story.storyId), action: "publish" })).toMatchObject({ ok: false, message: expect.stringContaining("in the trash") });
    expect((await row(story.storyId))!.status).toBe("draft");

    expect(await restoreStoryFromTrash(reporter, story.storyId)).toEqual({ ok: true, storyId: story.storyId });
    expect((await row(story.storyId))!.trashedAt).toBeNull();
    expect((await listDeskStories(reporter)).map((s) => s.id)).toContain(story.storyId);
    const saved = await saveStory(reporter, { storyId: story.storyId, baseVersion: story.version, kind: "autosave", draft: draftOf({ headline: "Back at work", sectionId: section.id }) });
    expect(saved.ok).toBe(true);
  });
});

describe("deleting for good", () => {
  it("is refused outside the trash, and removes the story with its revisions from the trash", async () => {
    const story = await newStory();
    expect(await deleteStoryForGood(reporter, story.storyId)).toMatchObject({ ok: false, kind: "invalid" });
    expect(await row(story.storyId)).toBeDefined();
    await moveStoryToTrash(reporter, story.storyId);
    expect(await deleteStoryForGood(otherReporter, story.storyId)).toMatchObject({ ok: false, kind: "not_found" });
    expect(await deleteStoryForGood(reporter, story.storyId)).toEqual({ ok: true, storyId: story.storyId });
    expect(await row(story.storyId)).toBeUndefined();
    expect(await handle.db.select().from(schema.storyRevisions).where(eq(schema.storyRevisions.storyId, story.storyId))).toEqual([]);
  });

  it("the sweep deletes stories trashed over 30 days ago and keeps newer ones", async () => {
    const old = await newStory();
    const recent = await newStory();
    const now = new Date();
    await moveStoryToTrash(reporter, old.storyId, new Date(now.getTime() - 31 * 24 * 3600_000));
    await moveStoryToTrash(reporter, recent.storyId, new Date(now.getTime() - 29 * 24 * 3600_000));
    expect(await emptyTrash(now)).toBeGreaterThanOrEqual(1);
    expect(await row(old.storyId)).toBeUndefined();
    expect(await row(recent.storyId)).toBeDefined();
  });
});

describe("slugs are reserved only by stories that are or were live", () => {
  it("a later story takes a clean slug a draft already has; the first to publish keeps it, the other is refused with a clear message", async () => {
    const slug = `bread-prices-${unique()}`;
    const draft = await newStory(reporter, { slug });
    const later = await newStory(otherReporter, { slug });
    expect(later.slug).toBe(slug);
    expect((await transitionStory(editor, { storyId: later.storyId, reviewed: await reviewed(later.storyId), action: "publish" })).ok).toBe(true);
    const before = await snapshotDatabase(handle);
    expect(await transitionStory(editor, { storyId: draft.storyId, reviewed: await reviewed(draft.storyId), action: "publish" })).toEqual({
      ok: false,
      kind: "invalid",
      message: "A published story already uses this address; choose a different slug.",
    });
    expect(await snapshotDatabase(handle)).toEqual(before);
    // A new story asking for the live slug is told so on the slug field.
    const third = await createStory(reporter, draftOf({ headline: "Third", sectionId: section.id, slug }));
    expect(third).toMatchObject({ ok: false, fieldErrors: { slug: ["A published story already uses this address; choose a different slug."] } });
  });

  it("a suggested slug avoids live addresses but not drafts", async () => {
    const headline = `Flood warning ${unique()}`;
    const first = await newStory(reporter, { headline, slug: "" });
    const second = await newStory(reporter, { headline, slug: "" });
    expect(second.slug).toBe(first.slug);
    await transitionStory(editor, { storyId: first.storyId, reviewed: await reviewed(first.storyId), action: "publish" });
    const third = await newStory(reporter, { headline, slug: "" });
    expect(third.slug).not.toBe(first.slug);
  });
});
