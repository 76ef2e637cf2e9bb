/**
 * Translations on the desk, against a real database: "Add translation" makes one linked draft per
 * language, and every refusal (a reporter, the same language, a language the group already has, a
 * story that does not exist) writes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { setDbHandleForTests } from "@/lib/db";
import type { DbHandle } from "@/lib/db/open";
import * as schema from "@/lib/db/schema";
import { openTestDatabase } from "@/lib/testing/test-db";
import { countWrites, draftOf, seedNewsroom, type TestNewsroom } from "@/lib/testing/story-fixtures";
import { addTranslation, createStory, linkTranslations } from "./commands";
import { listStoryTranslations } from "./queries";

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

async function newStory(language: "en" | "ar" | "fr" = "en") {
  const created = await createStory(newsroom.reporter, draftOf({ headline: `Story ${Math.random().toString(36).slice(2)}`, sectionId: newsroom.sectionId, language, tags: ["budget"] }));
  if (!created.ok) throw new Error(JSON.stringify(created));
  return created.storyId;
}

const row = async (id: string) => (await handle.db.select().from(schema.stories).where(eq(schema.stories.id, id)))[0]!;

describe("addTranslation", () => {
  it("creates a linked draft in the chosen language, copying the text to translate over", async () => {
    const original = await newStory();
    const added = await addTranslation(newsroom.editor, original, "ar");
    expect(added.ok).toBe(true);
    if (!added.ok) return;
    const [source, translation] = [await row(original), await row(added.storyId)];
    expect(translation).toMatchObject({ language: "ar", status: "draft", headline: source.headline, sectionId: newsroom.sectionId, authorId: newsroom.editor.id });
    expect(translation.translationGroupId).toBe(added.groupId);
    expect(source.translationGroupId).toBe(added.groupId);
    expect(translation.slug).not.toBe(source.slug);
    expect((await listStoryTranslations(original)).map((t) => t.language)).toEqual(["ar"]);
    expect((await listStoryTranslations(added.storyId)).map((t) => t.id)).toEqual([original]);

    // A third language joins the same group.
    const french = await addTranslation(newsroom.admin, added.storyId, "fr");
    expect(french).toMatchObject({ ok: true, groupId: added.groupId });
    expect((await listStoryTranslations(original)).map((t) => t.language)).toEqual(["ar", "fr"]);
  });

  it("refuses without writing: a reporter, the story's own language, a language the group has, a missing story", async () => {
    const original = await newStory();
    const first = await addTranslation(newsroom.editor, original, "ar");
    expect(first.ok).toBe(true);
    const before = await countWrites(handle);
    expect(await addTranslation(newsroom.reporter, original, "fr")).toMatchObject({ ok: false, kind: "forbidden" });
    expect(await addTranslation(newsroom.editor, original, "en")).toMatchObject({ ok: false, kind: "invalid", message: "This story is already in English." });
    expect(await addTranslation(newsroom.editor, original, "ar")).toMatchObject({ ok: false, kind: "invalid", message: expect.stringContaining("already a version in Arabic") });
    expect(await addTranslation(newsroom.editor, "00000000-0000-4000-8000-000000000000", "fr")).toMatchObject({ ok: false, kind: "not_found" });
    expect(await countWrites(handle)).toEqual(before);
  });
});

describe("linkTranslations", () => {
  it("refuses a second story in a language the group already has", async () => {
    const english = await newStory("en");
    const arabic = await newStory("ar");
    expect((await linkTranslations(newsroom.editor, [english, arabic])).ok).toBe(true);
    const otherEnglish = await newStory("en");
    const before = await countWrites(handle);
    expect(await linkTranslations(newsroom.editor, [arabic, otherEnglish])).toMatchObject({ ok: false, kind: "invalid" });
    expect(await countWrites(handle)).toEqual(before);
    expect((await row(otherEnglish)).translationGroupId).toBeNull();
  });
});
