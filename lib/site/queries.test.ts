import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { setDbHandleForTests } from "@/lib/db";
import type { DbHandle } from "@/lib/db/open";
import * as schema from "@/lib/db/schema";
import { plainTextToDoc } from "@/lib/content/text";
import { transitionStory, type PublicChange } from "@/lib/publishing/commands";
import { createStory, linkTranslations, saveStory } from "@/lib/stories/commands";
import { addSampleContent } from "@/lib/stories/sample-content";
import { parseSeedArticle } from "@/lib/stories/sample/parse-seed-article";
import { SEED_ARTICLE_TEXT } from "@/lib/stories/sample/seed-article";
import { storyDraftSchema } from "@/lib/stories/schemas";
import { suggestSlug } from "@/lib/stories/slug";
import { readEditorStory } from "@/lib/stories/queries";
import { openTestDatabase } from "@/lib/testing/test-db";
import type { Viewer } from "@/lib/auth/policy";
import { createRouteResolver } from "./route-resolver";
import {
  listAuthorCards,
  listCorrections,
  listFeedItems,
  listLatestCards,
  listNewsSitemapEntries,
  listSectionCards,
  listSitemapEntries,
  listSiteSections,
  listTagCards,
  listTranslations,
  readArticle,
  resolvePathTarget,
  searchStories,
} from "./queries";
import { descendantIds } from "./section-tree";
import { dayKey, monthKey } from "./search-keys";
import { SEARCH_MARK_END, SEARCH_MARK_START } from "./types";

/**
 * The public site's reads against a real database (in-memory PGlite, or PostgreSQL with
 * DATABASE_URL), with stories published through the real commands.
 */
const sample = parseSeedArticle(SEED_ARTICLE_TEXT);
const SAMPLE_PATH = `/media-center/coalition-news/${suggestSlug(sample.headline)}`;

let handle: DbHandle;
let admin: Viewer & { name: string };
let sections: Record<string, string>;

async function publish(input: { headline: string; body: string; section: string; slug?: string; language?: string; standfirst?: string; tags?: string[]; bylines?: { userId: string | null; name: string }[] }): Promise<{ storyId: string; change: PublicChange }> {
  const draft = storyDraftSchema.parse({
    headline: input.headline,
    standfirst: input.standfirst ?? "",
    body: plainTextToDoc(input.body),
    sectionId: sections[input.section],
    slug: input.slug ?? "",
    language: input.language ?? "en",
    tags: input.tags ?? [],
    bylines: input.bylines ?? [],
  });
  const created = await createStory(admin, draft);
  if (!created.ok) throw new Error(created.message);
  const result = await transitionStory(admin, { storyId: created.storyId, reviewed: { kind: "version", version: created.version }, action: "publish" });
  if (!result.ok || !result.publicChange) throw new Error("publish failed");
  return { storyId: created.storyId, change: result.publicChange };
}

async function update(storyId: string, changes: { slug?: string; section?: string; body?: string; correctionNote?: string }): Promise<PublicChange> {
  const story = (await readEditorStory(storyId))!;
  const draft = storyDraftSchema.parse({
    headline: story.headline,
    standfirst: story.standfirst,
    body: changes.body ? plainTextToDoc(changes.body) : story.body,
    sectionId: changes.section ? sections[changes.section] : story.sectionId,
    slug: changes.slug ?? story.slug,
    language: story.language,
    tags: story.tags,
    bylines: story.bylines,
  });
  const saved = await saveStory(admin, { storyId, baseVersion: story.version, kind: "manual", draft });
  if (!saved.ok) throw new Error(saved.message);
  const result = await transitionStory(admin, { storyId, action: "publish_update", correctionNote: changes.correctionNote, reviewed: { kind: "version", version: saved.version } });
  if (!result.ok || !result.publicChange) throw new Error("publish_update failed");
  return result.publicChange;
}

beforeAll(async () => {
  handle = await openTestDatabase();
  setDbHandleForTests(handle);
  await handle.db.insert(schema.newsroomSettings).values({ id: 1, name: "Test Newsroom", timeZone: "Asia/Damascus" });
  const [user] = await handle.db
    .insert(schema.users)
    .values({ email: "ada@example.org", name: "Ada Admin", slug: "ada-admin", role: "admin", passwordHash: "$argon2id$unusable" })
    .returning();
  admin = { id: user!.id, role: "admin", name: user!.name, email: user!.email, slug: user!.slug } as Viewer & { name: string };
  await addSampleContent(admin.id);
  sections = Object.fromEntries((await listSiteSections()).map((s) => [s.path, s.id]));
}, 60_000);

afterAll(async () => {
  setDbHandleForTests(undefined);
  await handle?.close();
});

describe("resolving public paths", () => {
  it("finds the sample article in Media Center > Coalition News, and the sections", async () => {
    const target = await resolvePathTarget(SAMPLE_PATH.slice(1), "media-center/coalition-news", suggestSlug(sample.headline));
    expect(target.kind).toBe("article");
    const article = await readArticle((target as { storyId: string }).storyId);
    expect(article).toMatchObject({ headline: sample.headline, sourceLine: sample.sourceLine, language: "en", path: SAMPLE_PATH });
    expect(article!.html).toContain("<p>Head of Aleppo provincial council on Wednesday");
    expect(new Date(article!.firstPublishedAt).toISOString()).toBe("2016-12-01T16:10:00.000Z");
    expect((await resolvePathTarget("media-center", "", "media-center")).kind).toBe("section");
    expect((await resolvePathTarget("media-center/coalition-news", "media-center", "coalition-news")).kind).toBe("section");
    expect((await resolvePathTarget("media-center/nope", "media-center", "nope")).kind).toBe("missing");
    // The right slug in the wrong section is not the article.
    expect((await resolvePathTarget(`reports/${suggestSlug(sample.headline)}`, "reports", suggestSlug(sample.headline))).kind).toBe("missing");
  });

  it("answers every old address of a moved story with its live one, and a withdrawn story with gone", async () => {
    const { storyId } = await publish({ headline: "Talks resume in Geneva", body: "Delegations met.", section: "reports", slug: "talks-geneva" });
    await update(storyId, { slug: "talks-resume-geneva" });
    await update(storyId, { section: "media-center/statements" });
    for (const [path, parent, slug] of [
      ["reports/talks-geneva", "reports", "talks-geneva"],
      ["reports/talks-resume-geneva", "reports", "talks-resume-geneva"],
    ] as const) {
      expect(await resolvePathTarget(path, parent, slug)).toEqual({ kind: "redirect", location: "/media-center/statements/talks-resume-geneva", storyId });
    }
    expect((await resolvePathTarget("media-center/statements/talks-resume-geneva", "media-center/statements", "talks-resume-geneva")).kind).toBe("article");

    const result = await transitionStory(admin, { storyId, action: "unpublish", note: "Legal" });
    expect(result.ok).toBe(true);
    expect(await resolvePathTarget("media-center/statements/talks-resume-geneva", "media-center/statements", "talks-resume-geneva")).toEqual({ kind: "gone", storyId });
    expect(await resolvePathTarget("reports/talks-geneva", "reports", "talks-geneva")).toEqual({ kind: "gone", storyId });
    expect(await readArticle(storyId)).toBeNull();
  });
});

describe("listings", () => {
  it("lists a section's whole subtree newest first, with pages", async () => {
    const all = await listSiteSections();
    const mediaCenter = all.find((s) => s.path === "media-center")!;
    const page = await listSectionCards(descendantIds(all, mediaCenter.id), 1, 20);
    expect(page.items.map((c) => c.path)).toContain(SAMPLE_PATH);
    const stamps = page.items.map((c) => c.publishedAt);
    expect([...stamps].sort().reverse()).toEqual(stamps);

    for (let i = 0; i < 3; i++) await publish({ headline: `Report number ${i}`, body: "Numbers.", section: "reports" });
    const reports = all.find((s) => s.path === "reports")!;
    const first = await listSectionCards([reports.id], 1, 2);
    expect(first.items).toHaveLength(2);
    expect(first.hasNext).toBe(true);
    const beyond = await listSectionCards([reports.id], 500, 2);
    expect(beyond).toEqual({ items: [], page: 500, hasNext: false });
    expect((await listLatestCards(1))[0]!.headline).toBe("Report number 2");
  });

  it("finds author and tag pages from the live bylines and tags", async () => {
    await publish({ headline: "Notebook from the border", body: "Queues.", section: "reports", tags: ["Border crossings"], bylines: [{ userId: admin.id, name: admin.name }, { userId: null, name: "Agencies" }] });
    const byAuthor = await listAuthorCards(admin.id, 1, 10);
    expect(byAuthor.items.map((c) => c.headline)).toEqual(["Notebook from the border"]);
    expect(byAuthor.items[0]!.bylines).toEqual([{ name: "Ada Admin", slug: "ada-admin" }, { name: "Agencies", slug: null }]);
    expect((await listTagCards("border-crossings", 1, 10)).items.map((c) => c.headline)).toEqual(["Notebook from the border"]);
  });

  it("keeps corrections and links translations", async () => {
    const en = await publish({ headline: "Council calls for corridors", body: "Twelve hurt.", section: "media-center/coalition-news" });
    const ar = await publish({ headline: "المجلس يدعو إلى ممرات آمنة", body: "دعا المجلس إلى ممرات آمنة للمدنيين في حلب.", section: "media-center/coalition-news", language: "ar" });
    await update(en.storyId, { body: "Fourteen hurt.", correctionNote: "An earlier version said twelve." });
    expect((await listCorrections(en.storyId)).map((c) => c.note)).toEqual(["An earlier version said twelve."]);
    const article = (await readArticle(en.storyId))!;
    expect(new Date(article.lastPublishedAt).getTime()).toBeGreaterThan(new Date(article.firstPublishedAt).getTime());

    const linked = await linkTranslations(admin, [en.storyId, ar.storyId]);
    expect(linked.ok).toBe(true);
    const group = (await readArticle(ar.storyId))!.translationGroupId!;
    expect((await listTranslations(group)).map((t) => t.language).sort()).toEqual(["ar", "en"]);
  });
});

describe("search", () => {
  it("finds the sample article by Aleppo and marks the match, headline first", async () => {
    await publish({ headline: "Aleppo convoy reaches the eastern districts", body: "Trucks arrived.", section: "reports" });
    await publish({ headline: "Water supply restored", body: "Engineers in Aleppo repaired the main. Aleppo residents queued.", section: "reports" });
    const result = await searchStories("Aleppo", 1, 10);
    const headlines = result.items.map((h) => h.headline);
    expect(headlines).toContain(sample.headline);
    // A match in the headline outranks a story that only mentions it in the body.
    expect(headlines.indexOf("Aleppo convoy reaches the eastern districts")).toBeLessThan(headlines.indexOf("Water supply restored"));
    const hit = result.items.find((h) => h.headline === sample.headline)!;
    expect(hit.headlineMarked).toContain(`${SEARCH_MARK_START}Aleppo${SEARCH_MARK_END}`);
    expect(hit.snippetMarked).toContain(SEARCH_MARK_START);
    expect(hit.path).toBe(SAMPLE_PATH);
  });

  it("stems English and matches other languages word for word", async () => {
    expect((await searchStories("calls", 1, 10)).items.map((h) => h.headline)).toContain(sample.headline);
    expect((await searchStories("ممرات", 1, 10)).items.map((h) => h.language)).toContain("ar");
  });

  it("finds a phrase of common words only where the words stand together, the headline match first", async () => {
    // The headline match is the oldest; newer stories have the phrase in the body, or both words apart.
    await publish({ headline: "Security council extends the border mandate", body: "The vote was unanimous.", section: "reports" });
    for (let i = 0; i < 12; i++) {
      await publish({ headline: `Border report ${i}`, body: `Diplomats said the security council would meet again. Item ${i}.`, section: "reports" });
      await publish({ headline: `Council budget ${i}`, body: `The council discussed security at length. Item ${i}.`, section: "reports" });
    }
    const result = await searchStories('"security council"', 1, 10);
    expect(result.items[0]!.headline).toBe("Security council extends the border mandate");
    expect(result.items.map((h) => h.headline).filter((h) => h.startsWith("Council budget"))).toEqual([]);
    const all = [...result.items, ...(await searchStories('"security council"', 2, 10)).items];
    // The sample article may use the phrase too; every story of this test with it is found.
    expect(all.filter((h) => h.headline.startsWith("Border report") || h.headline.startsWith("Security council"))).toHaveLength(13);
    // Stemmed like the words: "councils" and "secure" are the same lexemes.
    expect((await searchStories('"secure councils"', 1, 10)).items[0]!.headline).toBe("Security council extends the border mandate");
    // A stop word inside the phrase still matches across the gap it leaves.
    await publish({ headline: "Statement", body: "It was said by the minister on Friday.", section: "reports" });
    expect((await searchStories('"said by the minister"', 1, 10)).items.map((h) => h.headline)).toEqual(["Statement"]);
  });

  it("stores the word pairs and the UTC day and month the search keys name", async () => {
    const { storyId } = await publish({ headline: "Harvest drought deepens", body: "Farmers said the harvest failed.", section: "reports" });
    const [story] = await handle.db.select().from(schema.stories).where(eq(schema.stories.id, storyId));
    const [live] = await handle.db.select().from(schema.storyRevisions).where(eq(schema.storyRevisions.id, story!.liveRevisionId!));
    const keys = String(live!.searchKeys);
    for (const key of ["harvest~1~drought", "drought~1~deepen", "said~2~harvest", dayKey(live!.createdAt), monthKey(live!.createdAt)]) {
      expect(keys).toContain(`'${key}'`);
    }
  });

  it("never throws on search syntax, and a marker typed into a story is not a highlight", async () => {
    for (const q of ['"unterminated', "&&|!", "-", "()", "a:*", "!!!", "' OR 1=1 --", "\\", "x".repeat(200), "<script>"]) {
      await expect(searchStories(q, 1, 10)).resolves.toMatchObject({ page: 1 });
    }
    await publish({ headline: `Marker ${SEARCH_MARK_START}smuggled${SEARCH_MARK_END} headline`, body: `Body with ${SEARCH_MARK_START}markers${SEARCH_MARK_END} inside.`, section: "reports" });
    const hit = (await searchStories("smuggled", 1, 10)).items[0]!;
    // Only ts_headline's own markers survive: around the word searched for, nowhere else.
    expect(hit.headlineMarked).toBe(`Marker ${SEARCH_MARK_START}smuggled${SEARCH_MARK_END} headline`);
    expect(hit.snippetMarked).not.toContain(SEARCH_MARK_START);
  });
});

describe("feeds and sitemaps", () => {
  it("lists the newest stories, per section, with excerpts; sitemaps list everything; news only the last 48 hours", async () => {
    const items = await listFeedItems(50);
    expect(items.length).toBeGreaterThan(3);
    const sampleItem = items.find((i) => i.path === SAMPLE_PATH)!;
    expect(sampleItem.excerpt.startsWith("Head of Aleppo provincial council")).toBe(true);
    const all = await listSiteSections();
    const coalition = all.find((s) => s.path === "media-center/coalition-news")!;
    expect((await listFeedItems(50, descendantIds(all, coalition.id))).every((i) => i.sectionId === coalition.id)).toBe(true);
    expect((await listSitemapEntries(0, 1000)).map((e) => e.path)).toContain(SAMPLE_PATH);
    const news = await listNewsSitemapEntries(new Date(Date.now() - 48 * 3600_000), 1000);
    expect(news.map((e) => e.path)).not.toContain(SAMPLE_PATH);
    expect(news.length).toBeGreaterThan(0);
  });
});

describe("the proxy's resolver", () => {
  it("remembers answers, so a cached page costs no query, and forgets exactly what a change touches", async () => {
    const resolver = createRouteResolver();
    const params = new URLSearchParams();
    expect(await resolver.answer(SAMPLE_PATH, params)).toEqual({ status: 200 });
    const before = handle.queryCount();
    for (let i = 0; i < 20; i++) expect(await resolver.answer(SAMPLE_PATH, params)).toEqual({ status: 200 });
    expect(handle.queryCount() - before).toBe(0);

    expect(await resolver.answer("/reports/no-such-story", params)).toEqual({ status: 404 });
    expect(await resolver.answer("/Reports/Upper", params)).toEqual({ status: 404 });
    expect(await resolver.answer("/search", new URLSearchParams("page=-1"))).toEqual({ status: 404 });
    expect(await resolver.answer("/search", new URLSearchParams("q=x&page=3"))).toEqual({ status: 200 });
    expect(await resolver.answer("/authors/ada-admin", params)).toEqual({ status: 200 });
    expect(await resolver.answer("/authors/nobody", params)).toEqual({ status: 404 });
    // A page another part of the app adds (known from the build's route manifest) is left alone.
    const withOtherRoutes = createRouteResolver([/^\/reset\/([^/]+?)(?:\/)?$/]);
    expect(await withOtherRoutes.answer("/reset/some-token", params)).toEqual({ status: 200 });
    expect(await withOtherRoutes.answer("/reset/some-token/extra", params)).toEqual({ status: 404 });

    const { storyId, change } = await publish({ headline: "Later story", body: "Text.", section: "reports", slug: "later-story" });
    // Asked before it existed: remembered as missing until the change is announced.
    expect(await resolver.answer("/reports/later-story-2", params)).toEqual({ status: 404 });
    const moved = await update(storyId, { slug: "later-story-2" });
    expect(await resolver.answer("/reports/later-story-2", params)).toEqual({ status: 404 });
    resolver.forget(moved);
    expect(await resolver.answer("/reports/later-story-2", params)).toEqual({ status: 200 });
    expect(await resolver.answer(change.paths[0]!, params)).toEqual({ status: 301, location: "/reports/later-story-2" });
    const gone = await transitionStory(admin, { storyId, action: "unpublish", note: "x" });
    resolver.forget(gone.ok ? gone.publicChange! : moved);
    expect(await resolver.answer("/reports/later-story-2", params)).toEqual({ status: 410 });
    expect(await resolver.answer(change.paths[0]!, params)).toEqual({ status: 410 });
  });
});

describe("settings row", () => {
  it("exists", async () => {
    const [row] = await handle.db.select().from(schema.newsroomSettings).where(eq(schema.newsroomSettings.id, 1));
    expect(row?.timeZone).toBe("Asia/Damascus");
  });
});
