import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import * as Y from "yjs";
import { setDbHandleForTests } from "@/lib/db";
import type { DbHandle } from "@/lib/db/open";
import * as schema from "@/lib/db/schema";
import { storeInitialDocument } from "@/lib/collab/commands";
import { writeWorkingCopy } from "@/lib/collab/document-shape";
import { plainTextToDoc, emptyDoc } from "@/lib/content/text";
import { openTestDatabase } from "@/lib/testing/test-db";
import { draftOf, insertSettings, insertUser, type TestUser } from "@/lib/testing/fixtures";
import { createEmptyStory, saveStory } from "./commands";
import { sweepEmptyDrafts } from "./empty-drafts";

let handle: DbHandle;
let reporter: TestUser;

beforeAll(async () => {
  handle = await openTestDatabase();
  setDbHandleForTests(handle);
  await insertSettings(handle);
  reporter = await insertUser(handle, "reporter", "Rana Haddad");
});
afterAll(async () => {
  setDbHandleForTests(undefined);
  await handle?.close();
});

const HOUR = 3600_000;

async function emptyStoryCreated(at: Date): Promise<string> {
  const created = await createEmptyStory(reporter, { language: "en" }, at);
  if (!created.ok) throw new Error(created.message);
  return created.storyId;
}

async function exists(storyId: string): Promise<boolean> {
  return (await handle.db.select({ id: schema.stories.id }).from(schema.stories).where(eq(schema.stories.id, storyId))).length === 1;
}

/** A shared document as the editor leaves it: body text typed, no headline yet. */
async function storeDocument(storyId: string, body: unknown): Promise<void> {
  const doc = new Y.Doc();
  writeWorkingCopy(doc, { ...draftOf({ headline: "" }), body });
  await storeInitialDocument(storyId, Y.encodeStateAsUpdate(doc), 1);
}

describe("new stories exist at once", () => {
  it("makes an empty draft owned by the viewer, with their byline, before any text", async () => {
    const storyId = await emptyStoryCreated(new Date());
    const [row] = await handle.db.select().from(schema.stories).where(eq(schema.stories.id, storyId));
    expect(row).toMatchObject({ status: "draft", authorId: reporter.id, headline: "", version: 1, language: "en" });
    const bylines = await handle.db.select().from(schema.storyBylines).where(eq(schema.storyBylines.storyId, storyId));
    expect(bylines.map((b) => b.userId)).toEqual([reporter.id]);
  });
});

describe("the empty-draft sweep", () => {
  it("deletes drafts nobody wrote in for 24 hours, and keeps younger ones, saved ones and ones with text in their document", async () => {
    const now = new Date();
    const old = new Date(now.getTime() - 25 * HOUR);
    const untouched = await emptyStoryCreated(old);
    const untouchedWithBlankDocument = await emptyStoryCreated(old);
    await storeDocument(untouchedWithBlankDocument, emptyDoc());
    const young = await emptyStoryCreated(new Date(now.getTime() - 23 * HOUR));
    const typedWithoutHeadline = await emptyStoryCreated(old);
    await storeDocument(typedWithoutHeadline, plainTextToDoc("Filed before a headline."));
    const saved = await emptyStoryCreated(old);
    const result = await saveStory(reporter, { storyId: saved, baseVersion: 1, kind: "autosave", draft: draftOf({ headline: "Written" }) });
    expect(result.ok).toBe(true);

    const deleted = await sweepEmptyDrafts(now);

    expect(deleted).toBe(2);
    expect(await exists(untouched)).toBe(false);
    expect(await exists(untouchedWithBlankDocument)).toBe(false);
    expect(await exists(young)).toBe(true);
    expect(await exists(typedWithoutHeadline)).toBe(true);
    expect(await exists(saved)).toBe(true);
  });
});
