import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { setDbHandleForTests } from "@/lib/db";
import type { DbHandle } from "@/lib/db/open";
import * as schema from "@/lib/db/schema";
import { openTestDatabase } from "@/lib/testing/test-db";
import { draftOf, insertSection, insertSettings, insertUser, snapshotDatabase, type TestUser } from "@/lib/testing/fixtures";
import { transitionStory } from "@/lib/publishing/commands";
import { createStory, saveStory } from "@/lib/stories/commands";
import { readEditorStory } from "@/lib/stories/queries";
import { addComment } from "./commands";
import { listComments } from "./queries";

let handle: DbHandle;
let reporter: TestUser;
let colleague: TestUser;
let editor: TestUser;
let section: { id: string; path: string };

beforeAll(async () => {
  handle = await openTestDatabase();
  setDbHandleForTests(handle);
  await insertSettings(handle);
  reporter = await insertUser(handle, "reporter", "Rana Haddad");
  colleague = await insertUser(handle, "reporter", "Omar Said");
  editor = await insertUser(handle, "editor", "Lina Editor");
  section = await insertSection(handle, "Coalition News");
});
afterAll(async () => {
  setDbHandleForTests(undefined);
  await handle?.close();
});

/** A live story whose working copy has a staged headline the public has not seen. */
async function liveStoryWithStagedHeadline(): Promise<string> {
  const created = await createStory(reporter, draftOf({ headline: "Council approves budget", sectionId: section.id }));
  if (!created.ok) throw new Error(created.message);
  expect((await transitionStory(editor, { storyId: created.storyId, reviewed: { kind: "version", version: created.version }, action: "publish" })).ok).toBe(true);
  const story = (await readEditorStory(created.storyId))!;
  const saved = await saveStory(reporter, { storyId: story.id, baseVersion: story.version, kind: "manual", draft: draftOf({ headline: "Mayor to resign over budget", sectionId: section.id, slug: story.slug }) });
  if (!saved.ok) throw new Error(saved.message);
  return story.id;
}

async function notesFor(person: TestUser, storyId: string) {
  return handle.db.select().from(schema.notifications).where(and(eq(schema.notifications.userId, person.id), eq(schema.notifications.storyId, storyId)));
}

describe("the comment thread of another reporter's live story (issue 11, point 7)", () => {
  it("is neither readable nor writable by a colleague; the refusal writes nothing", async () => {
    const storyId = await liveStoryWithStagedHeadline();
    expect((await addComment(editor, { storyId, body: "Hold the resignation line until the mayor confirms." })).ok).toBe(true);
    expect(await listComments(colleague, storyId)).toBeNull();
    expect((await listComments(reporter, storyId))!.map((c) => c.body)).toEqual(["Hold the resignation line until the mayor confirms."]);

    const before = await snapshotDatabase(handle);
    expect(await addComment(colleague, { storyId, body: "Planted" })).toEqual({ ok: false, message: "This story does not exist or you cannot comment on it." });
    expect(await snapshotDatabase(handle)).toEqual(before);
  });
});

describe("comment notifications (issue 11, point 5)", () => {
  it("an earlier commenter who may no longer read the thread hears nothing, and nobody is told the staged headline they may not see", async () => {
    const storyId = await liveStoryWithStagedHeadline();
    // A comment left when any reporter could still join a live story's thread.
    await handle.db.insert(schema.comments).values({ storyId, authorId: colleague.id, body: "Nice piece." });

    expect((await addComment(editor, { storyId, body: "Checking the resignation quote." })).ok).toBe(true);
    expect(await notesFor(colleague, storyId)).toEqual([]);
    expect((await notesFor(reporter, storyId)).filter((n) => n.kind === "comment").map((n) => n.message)).toEqual(["New comment on “Mayor to resign over budget”."]);

    // Unpublished: hidden from the colleague altogether; the story's reporter still hears.
    expect((await transitionStory(editor, { storyId, action: "unpublish", note: "Legal review" })).ok).toBe(true);
    expect((await addComment(editor, { storyId, body: "Legal says wait." })).ok).toBe(true);
    expect(await notesFor(colleague, storyId)).toEqual([]);
    expect((await notesFor(reporter, storyId)).filter((n) => n.kind === "comment")).toHaveLength(2);
  });

  it("skips deactivated people", async () => {
    const storyId = await liveStoryWithStagedHeadline();
    const former = await insertUser(handle, "editor", "Former Editor");
    expect((await addComment(former, { storyId, body: "Before I left." })).ok).toBe(true);
    await handle.db.update(schema.users).set({ active: false }).where(eq(schema.users.id, former.id));
    expect((await addComment(reporter, { storyId, body: "After they left." })).ok).toBe(true);
    expect(await notesFor(former, storyId)).toEqual([]);
  });
});
