import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { setDbHandleForTests } from "@/lib/db";
import type { DbHandle } from "@/lib/db/open";
import * as schema from "@/lib/db/schema";
import { openTestDatabase } from "@/lib/testing/test-db";
import { draftOf, insertSection, insertSettings, insertUser, type TestUser } from "@/lib/testing/fixtures";
import { plainTextToDoc } from "@/lib/content/text";
import { transitionStory } from "@/lib/publishing/commands";
import { createStory, saveStory } from "./commands";
import { getRevision, getStoryForEditor, listRevisions, listTagNames, readEditorStory } from "./queries";
type DraftOverrides = NonNullable<Parameters<typeof draftOf>[0]>;

let handle: DbHandle;
let reporter: TestUser;
let colleague: TestUser;
let coByline: TestUser;
let editor: TestUser;
let section: { id: string; path: string };

beforeAll(async () => {
  handle = await openTestDatabase();
  setDbHandleForTests(handle);
  await insertSettings(handle);
  reporter = await insertUser(handle, "reporter", "Rana Haddad");
  colleague = await insertUser(handle, "reporter", "Omar Said");
  coByline = await insertUser(handle, "reporter", "Sami Byline");
  editor = await insertUser(handle, "editor", "Lina Editor");
  section = await insertSection(handle, "Coalition News");
});
afterAll(async () => {
  setDbHandleForTests(undefined);
  await handle?.close();
});

async function create(owner: TestUser, overrides: DraftOverrides = {}): Promise<string> {
  const created = await createStory(owner, draftOf({ sectionId: section.id, ...overrides }));
  if (!created.ok) throw new Error(created.message);
  return created.storyId;
}

async function save(person: TestUser, storyId: string, overrides: DraftOverrides): Promise<void> {
  const story = (await readEditorStory(storyId))!;
  const draft = draftOf({
    headline: story.headline,
    standfirst: story.standfirst,
    body: story.body,
    slug: story.slug,
    sectionId: story.sectionId,
    tags: story.tags,
    bylines: story.bylines,
    ...overrides,
  });
  const saved = await saveStory(person, { storyId, baseVersion: story.version, kind: "manual", draft });
  if (!saved.ok) throw new Error(saved.message);
}

async function publish(storyId: string): Promise<void> {
  const reviewed = { kind: "version" as const, version: (await readEditorStory(storyId))!.version };
  const published = await transitionStory(editor, { storyId, reviewed, action: "publish" });
  if (!published.ok) throw new Error(published.message);
}

describe("another reporter's live story: the live version only (issue 11, point 7)", () => {
  it("shows the colleague the published text, never the staged copy, the revisions or a kept conflict", async () => {
    const storyId = await create(reporter, {
      headline: "Ministry confirms budget",
      body: plainTextToDoc("The ministry confirmed the budget."),
      tags: ["Budget"],
      bylines: [{ userId: coByline.id, name: coByline.name }],
    });
    await publish(storyId);
    const staged = { headline: "Minister resigns over budget", standfirst: "Sources say the minister quit.", body: plainTextToDoc("The minister resigned."), tags: ["Budget", "Resignation"] };
    await save(reporter, storyId, staged);
    // A stale save by the co-byline: the losing text is kept as a "conflict" revision.
    const before = (await readEditorStory(storyId))!;
    const conflict = await saveStory(coByline, { storyId, baseVersion: before.version - 1, kind: "manual", draft: draftOf({ headline: "Conflicting staged headline", sectionId: section.id }) });
    expect(conflict).toMatchObject({ ok: false, kind: "conflict" });
    const revisions = await handle.db.select().from(schema.storyRevisions).where(eq(schema.storyRevisions.storyId, storyId));
    const kept = revisions.find((r) => r.kind === "conflict")!;

    const seen = (await getStoryForEditor(colleague, storyId))!;
    expect(seen).toMatchObject({ view: "live", status: "published", headline: "Ministry confirms budget", standfirst: "", tags: ["Budget"], updateProposedAt: null });
    expect(JSON.stringify(seen)).not.toMatch(/resign|Conflicting/i);
    expect(seen.version).toBe(seen.live!.storyVersion);
    expect(await listRevisions(colleague, storyId)).toBeNull();
    for (const revision of revisions) expect(await getRevision(colleague, storyId, revision.id)).toBeNull();

    // Its own reporters and editors read everything.
    for (const person of [reporter, coByline, editor]) {
      expect(await getStoryForEditor(person, storyId)).toMatchObject({ view: "working", headline: staged.headline, tags: ["Budget", "Resignation"] });
      expect((await listRevisions(person, storyId))!.map((r) => r.id)).toContain(kept.id);
      expect(await getRevision(person, storyId, kept.id)).toMatchObject({ headline: "Conflicting staged headline" });
    }
  });

  it("shows nothing of a colleague's story once it is unpublished", async () => {
    const storyId = await create(reporter, { headline: "Pulled for legal review" });
    await publish(storyId);
    expect(await getStoryForEditor(colleague, storyId)).toMatchObject({ view: "live" });
    expect((await transitionStory(editor, { storyId, action: "unpublish", note: "Legal review" })).ok).toBe(true);
    expect(await getStoryForEditor(colleague, storyId)).toBeNull();
  });
});

describe("tag suggestions (issue 11, point 6)", () => {
  it("suggest tags of live stories (as published) and of the viewer's own stories, never another reporter's draft tags", async () => {
    await create(reporter, { headline: "Embargoed merger", tags: ["Secret Merger Codename"] });
    const live = await create(reporter, { headline: "Water supply restored", tags: ["Water Supply"] });
    await publish(live);
    await save(reporter, live, { tags: ["Water Supply", "Staged Only Tag"] });

    const forColleague = await listTagNames(colleague);
    expect(forColleague).toContain("Water Supply");
    expect(forColleague).not.toContain("Secret Merger Codename");
    expect(forColleague).not.toContain("Staged Only Tag");

    expect(await listTagNames(reporter)).toEqual(expect.arrayContaining(["Secret Merger Codename", "Water Supply", "Staged Only Tag"]));
    expect(await listTagNames(editor)).toEqual(expect.arrayContaining(["Secret Merger Codename", "Water Supply", "Staged Only Tag"]));
  });

  it("prunes a tag removed from every story, but keeps one a live revision still shows", async () => {
    const draft = await create(reporter, { headline: "Tag typo", tags: ["Typo Tagg"] });
    await save(reporter, draft, { tags: [] });
    const tagRows = await handle.db.select().from(schema.tags).where(eq(schema.tags.slug, "typo-tagg"));
    expect(tagRows).toEqual([]);
    expect(await listTagNames(reporter)).not.toContain("Typo Tagg");

    const live = await create(reporter, { headline: "Harbour reopens", tags: ["Harbour"] });
    await publish(live);
    await save(reporter, live, { tags: [] });
    // Still on the live revision: the public tag page keeps working until the update goes out.
    expect(await handle.db.select().from(schema.tags).where(eq(schema.tags.slug, "harbour"))).toHaveLength(1);
    expect(await listTagNames(colleague)).toContain("Harbour");
  });
});
