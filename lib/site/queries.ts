import "server-only";
import { and, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { getDb, getDbHandle, queryRows, tables, type Database } from "@/lib/db";
import type { MediaVariant, RevisionByline, RevisionTag } from "@/lib/db/schema";
import { srcSetOf } from "@/lib/media/queries";
import { articlePath, mediaHref } from "./paths";
import { keyQueryText, periodKeys, phraseKeys } from "./search-keys";
import {
  SEARCH_MARK_END,
  SEARCH_MARK_START,
  type FeedItem,
  type ListPage,
  type NewsSitemapEntry,
  type PathTarget,
  type SearchHit,
  type SiteArticle,
  type SiteCorrection,
  type SiteImage,
  type SiteSection,
  type SiteSettings,
  type SiteTranslation,
  type SitemapEntry,
  type StoryCard,
} from "./types";

/**
 * Reads for the public site. Everything here reads live revisions only (never a working copy), and
 * only of stories whose status is "published". Callers are lib/site/data.ts (cached) and the
 * dynamic pages; nothing here knows about caching.
 */

const { stories, storyRevisions, sections, mediaAssets, corrections, storyRedirects, users, tags, newsroomSettings } = tables;

function iso(value: Date | string | null | undefined): string {
  if (!value) return new Date(0).toISOString();
  return (value instanceof Date ? value : new Date(value)).toISOString();
}

export async function readSiteSettings(): Promise<SiteSettings | null> {
  const db = await getDb();
  const [row] = await db
    .select({ name: newsroomSettings.name, timeZone: newsroomSettings.timeZone, defaultLanguage: newsroomSettings.defaultLanguage })
    .from(newsroomSettings)
    .where(eq(newsroomSettings.id, 1));
  return row ?? null;
}

export async function listSiteSections(): Promise<SiteSection[]> {
  const db = await getDb();
  return db
    .select({
      id: sections.id,
      name: sections.name,
      slug: sections.slug,
      path: sections.path,
      parentId: sections.parentId,
      position: sections.position,
      description: sections.description,
    })
    .from(sections)
    .orderBy(sections.position, sections.name);
}

// ---------------------------------------------------------------------------------------------
// Story cards

const cardColumns = {
  id: stories.id,
  headline: storyRevisions.headline,
  standfirst: storyRevisions.standfirst,
  slug: storyRevisions.slug,
  sectionId: storyRevisions.sectionId,
  sectionPath: sections.path,
  sectionName: sections.name,
  language: storyRevisions.language,
  firstPublishedAt: stories.firstPublishedAt,
  lastPublishedAt: stories.lastPublishedAt,
  bylines: storyRevisions.bylines,
  featuredCaption: storyRevisions.featuredCaption,
  featuredCredit: storyRevisions.featuredCredit,
  mediaKey: mediaAssets.storageKey,
  mediaWidth: mediaAssets.width,
  mediaHeight: mediaAssets.height,
  mediaVariants: mediaAssets.variants,
  mediaAlt: mediaAssets.alt,
  mediaCaption: mediaAssets.caption,
  mediaCredit: mediaAssets.credit,
};

type CardRow = {
  id: string;
  headline: string;
  standfirst: string;
  slug: string;
  sectionId: string | null;
  sectionPath: string | null;
  sectionName: string | null;
  language: string;
  firstPublishedAt: Date | null;
  lastPublishedAt: Date | null;
  bylines: RevisionByline[];
  featuredCaption: string;
  featuredCredit: string;
  mediaKey: string | null;
  mediaWidth: number | null;
  mediaHeight: number | null;
  mediaVariants: MediaVariant[] | null;
  mediaAlt: string | null;
  mediaCaption: string | null;
  mediaCredit: string | null;
};

function imageOf(row: Pick<CardRow, "mediaKey" | "mediaWidth" | "mediaHeight" | "mediaVariants" | "mediaAlt" | "mediaCaption" | "mediaCredit" | "featuredCaption" | "featuredCredit">): SiteImage | null {
  if (!row.mediaKey || !row.mediaWidth || !row.mediaHeight) return null;
  const variants = Array.isArray(row.mediaVariants) ? row.mediaVariants.filter((v) => v && v.key && v.width > 0) : [];
  // The src is for browsers that take neither srcset: the JPEG, else the widest rendition.
  const widest = (mimeType: string) => variants.filter((v) => v.mimeType === mimeType).sort((a, b) => b.width - a.width)[0];
  const fallback = widest("image/jpeg") ?? widest("image/webp");
  if (!fallback) return null;
  return {
    src: mediaHref(fallback.key),
    // The box the browser reserves: the stored renditions' shape (the upload may have been larger).
    width: fallback.width,
    height: fallback.height,
    alt: row.mediaAlt ?? "",
    srcSet: srcSetOf(variants, "image/webp"),
    avifSrcSet: srcSetOf(variants, "image/avif"),
    caption: row.featuredCaption || row.mediaCaption || "",
    credit: row.featuredCredit || row.mediaCredit || "",
  };
}

function toCard(row: CardRow): StoryCard {
  return {
    id: row.id,
    headline: row.headline,
    standfirst: row.standfirst,
    path: articlePath(row.sectionPath, row.slug),
    sectionId: row.sectionId,
    sectionName: row.sectionName,
    language: row.language,
    publishedAt: iso(row.firstPublishedAt),
    updatedAt: iso(row.lastPublishedAt ?? row.firstPublishedAt),
    bylines: (row.bylines ?? []).map((b) => ({ name: b.name, slug: b.userId ? b.slug : null })),
    image: imageOf(row),
  };
}

/** Live revisions of published stories as cards; a builder, so callers add order and limits. */
function cardsQuery(db: Database, where?: SQL) {
  return db
    .select(cardColumns)
    .from(stories)
    .innerJoin(storyRevisions, eq(storyRevisions.id, stories.liveRevisionId))
    .leftJoin(sections, eq(sections.id, storyRevisions.sectionId))
    .leftJoin(mediaAssets, eq(mediaAssets.id, storyRevisions.featuredMediaId))
    .where(where ? and(eq(stories.status, "published"), where) : eq(stories.status, "published"))
    .$dynamic();
}

/** Newest first; NULLS LAST matches the listing indexes (published stories always have a date). */
const NEWEST_FIRST = [sql`${stories.firstPublishedAt} desc nulls last`, sql`${stories.id} desc nulls last`];

/**
 * Ids of the newest published stories whose live section is one of `sectionIds`, one page of them.
 * Each section is read as its own range of stories_public_section_idx (newest first, at most
 * offset + limit rows), and only those few rows are merged: a parent section with busy children
 * costs a handful of short index scans, not a sort of everything below it.
 */
async function newestInSections(sectionIds: readonly string[], limit: number, offset: number): Promise<string[]> {
  if (sectionIds.length === 0) return [];
  const db = await getDb();
  const reach = offset + limit;
  const branches = sectionIds.slice(0, 200).map(
    (id) => sql`(select id, first_published_at from stories
      where status = 'published' and live_section_id = ${id}
      order by first_published_at desc nulls last, id desc nulls last limit ${reach})`,
  );
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select id from (${sql.join(branches, sql` union all `)}) newest
        order by first_published_at desc nulls last, id desc nulls last limit ${limit} offset ${offset}`,
  );
  return rows.map((r) => r.id);
}

/** Cards for these story ids, in the order given. */
async function cardsByIds(ids: readonly string[]): Promise<StoryCard[]> {
  if (ids.length === 0) return [];
  const db = await getDb();
  const rows = (await cardsQuery(db, inArray(stories.id, [...ids]))) as CardRow[];
  const byId = new Map(rows.map((r) => [r.id, toCard(r)]));
  return ids.map((id) => byId.get(id)).filter((c): c is StoryCard => !!c);
}

/** The newest published stories, optionally only those in the given sections. */
export async function listLatestCards(limit: number, sectionIds?: readonly string[]): Promise<StoryCard[]> {
  if (sectionIds) return cardsByIds(await newestInSections(sectionIds, limit, 0));
  const db = await getDb();
  const rows = await cardsQuery(db).orderBy(...NEWEST_FIRST).limit(limit);
  return (rows as CardRow[]).map(toCard);
}

/** One page of a listing; one extra row tells whether there is a next page, without a count. */
async function pageOf(where: SQL | undefined, page: number, perPage: number): Promise<ListPage<StoryCard>> {
  const db = await getDb();
  const rows = (await cardsQuery(db, where)
    .orderBy(...NEWEST_FIRST)
    .limit(perPage + 1)
    .offset((page - 1) * perPage)) as CardRow[];
  return { items: rows.slice(0, perPage).map(toCard), page, hasNext: rows.length > perPage };
}

export async function listSectionCards(sectionIds: readonly string[], page: number, perPage: number): Promise<ListPage<StoryCard>> {
  const ids = await newestInSections(sectionIds, perPage + 1, (page - 1) * perPage);
  return { items: await cardsByIds(ids.slice(0, perPage)), page, hasNext: ids.length > perPage };
}

// ---------------------------------------------------------------------------------------------
// Resolving a public path

async function findLiveStoryAt(parentPath: string, slug: string, status: "published" | "unpublished"): Promise<string | null> {
  const db = await getDb();
  const [row] = await db
    .select({ id: stories.id })
    .from(storyRevisions)
    .innerJoin(stories, eq(stories.liveRevisionId, storyRevisions.id))
    .leftJoin(sections, eq(sections.id, storyRevisions.sectionId))
    .where(
      and(
        sql`${storyRevisions.html} is not null`,
        eq(storyRevisions.slug, slug),
        eq(stories.status, status),
        sql`coalesce(${sections.path}, '') = ${parentPath}`,
      ),
    )
    .orderBy(desc(stories.lastPublishedAt))
    .limit(1);
  return row?.id ?? null;
}

/** The live path of a story, or null when it has none. */
async function livePathOf(storyId: string): Promise<{ path: string; status: string } | null> {
  const db = await getDb();
  const [row] = await db
    .select({ slug: storyRevisions.slug, sectionPath: sections.path, status: stories.status })
    .from(stories)
    .innerJoin(storyRevisions, eq(storyRevisions.id, stories.liveRevisionId))
    .leftJoin(sections, eq(sections.id, storyRevisions.sectionId))
    .where(eq(stories.id, storyId));
  return row ? { path: articlePath(row.sectionPath, row.slug), status: row.status } : null;
}

/**
 * What answers at "/{path}" (no leading slash in the argument): a section, a live article, an old
 * address of a story (301 to its live one), a withdrawn story (410), or nothing.
 */
export async function resolvePathTarget(path: string, parentPath: string, slug: string): Promise<PathTarget> {
  const db = await getDb();
  const [section] = await db.select({ id: sections.id }).from(sections).where(eq(sections.path, path));
  if (section) return { kind: "section", sectionId: section.id };
  const live = await findLiveStoryAt(parentPath, slug, "published");
  if (live) return { kind: "article", storyId: live };
  const [redirect] = await db.select({ storyId: storyRedirects.storyId }).from(storyRedirects).where(eq(storyRedirects.path, `/${path}`));
  if (redirect) {
    const target = await livePathOf(redirect.storyId);
    if (target?.status === "published" && target.path !== `/${path}`) return { kind: "redirect", location: target.path, storyId: redirect.storyId };
    if (target?.status === "unpublished") return { kind: "gone", storyId: redirect.storyId };
  }
  const withdrawn = await findLiveStoryAt(parentPath, slug, "unpublished");
  if (withdrawn) return { kind: "gone", storyId: withdrawn };
  return { kind: "missing" };
}

// ---------------------------------------------------------------------------------------------
// Articles

export async function readArticle(storyId: string): Promise<SiteArticle | null> {
  const db = await getDb();
  const [row] = await db
    .select({
      ...cardColumns,
      revisionId: storyRevisions.id,
      html: storyRevisions.html,
      bodyText: storyRevisions.bodyText,
      sourceLine: storyRevisions.sourceLine,
      tags: storyRevisions.tags,
      seoTitle: storyRevisions.seoTitle,
      seoDescription: storyRevisions.seoDescription,
      translationGroupId: stories.translationGroupId,
    })
    .from(stories)
    .innerJoin(storyRevisions, eq(storyRevisions.id, stories.liveRevisionId))
    .leftJoin(sections, eq(sections.id, storyRevisions.sectionId))
    .leftJoin(mediaAssets, eq(mediaAssets.id, storyRevisions.featuredMediaId))
    .where(and(eq(stories.id, storyId), eq(stories.status, "published")));
  if (!row) return null;
  const card = toCard(row as CardRow);
  return {
    id: row.id,
    revisionId: row.revisionId,
    headline: row.headline,
    standfirst: row.standfirst,
    html: row.html ?? "",
    bodyText: row.bodyText,
    sourceLine: row.sourceLine,
    slug: row.slug,
    path: card.path,
    language: row.language,
    sectionId: row.sectionId,
    bylines: card.bylines,
    tags: ((row.tags ?? []) as RevisionTag[]).map((t) => ({ name: t.name, slug: t.slug })),
    seoTitle: row.seoTitle,
    seoDescription: row.seoDescription,
    firstPublishedAt: card.publishedAt,
    lastPublishedAt: card.updatedAt,
    image: card.image,
    translationGroupId: row.translationGroupId,
  };
}

export async function listCorrections(storyId: string): Promise<SiteCorrection[]> {
  const db = await getDb();
  const rows = await db
    .select({ note: corrections.note, createdAt: corrections.createdAt })
    .from(corrections)
    .where(eq(corrections.storyId, storyId))
    .orderBy(corrections.createdAt);
  return rows.map((r) => ({ note: r.note, createdAt: iso(r.createdAt) }));
}

/** Every published story of a translation group (the article itself included), oldest first. */
export async function listTranslations(groupId: string): Promise<SiteTranslation[]> {
  const db = await getDb();
  const rows = await db
    .select({ storyId: stories.id, language: storyRevisions.language, headline: storyRevisions.headline, slug: storyRevisions.slug, sectionPath: sections.path })
    .from(stories)
    .innerJoin(storyRevisions, eq(storyRevisions.id, stories.liveRevisionId))
    .leftJoin(sections, eq(sections.id, storyRevisions.sectionId))
    .where(and(eq(stories.translationGroupId, groupId), eq(stories.status, "published")))
    // The original first: it is the group's x-default alternate.
    .orderBy(stories.firstPublishedAt, storyRevisions.language)
    .limit(50);
  return rows.map((r) => ({ storyId: r.storyId, language: r.language, headline: r.headline, path: articlePath(r.sectionPath, r.slug) }));
}

// ---------------------------------------------------------------------------------------------
// Authors and tags (public pages only for people and tags with published stories)

export async function readAuthor(slug: string): Promise<{ id: string; name: string; slug: string; bio: string } | null> {
  const db = await getDb();
  const [row] = await db.select({ id: users.id, name: users.name, slug: users.slug, bio: users.bio }).from(users).where(eq(users.slug, slug));
  return row ?? null;
}

export async function listAuthorCards(userId: string, page: number, perPage: number): Promise<ListPage<StoryCard>> {
  return pageOf(sql`${storyRevisions.bylines} @> ${JSON.stringify([{ userId }])}::jsonb`, page, perPage);
}

export async function readTag(slug: string): Promise<{ name: string; slug: string } | null> {
  const db = await getDb();
  const [row] = await db.select({ name: tags.name, slug: tags.slug }).from(tags).where(eq(tags.slug, slug));
  return row ?? null;
}

export async function listTagCards(slug: string, page: number, perPage: number): Promise<ListPage<StoryCard>> {
  return pageOf(sql`${storyRevisions.tags} @> ${JSON.stringify([{ slug }])}::jsonb`, page, perPage);
}

// ---------------------------------------------------------------------------------------------
// Search

/**
 * Full-text search over live revisions: PostgreSQL's own websearch syntax ("quoted phrases",
 * -exclusions, or), which never raises a syntax error whatever is typed. The query is run with
 * both configurations the index uses (English stemming, and word-for-word for every other
 * language) so a story matches in its own language's terms. Headline matches outrank body
 * matches through the A/B/C weights; equal ranks go newest first.
 *
 * Ranking is over the SEARCH_CANDIDATES (500) most recently published matches. A word in half the
 * archive would otherwise mean scoring tens of thousands of stories for every query; for a news
 * archive, the most relevant of the latest matches is the answer readers want, and a rarer term
 * (fewer matches than that) is ranked over all of them. Results therefore stop after 50 pages.
 *
 * Highlighting: ts_headline wraps matches in two private-use characters (removed from the text
 * beforehand, so they can only come from ts_headline). The page splits on them and React escapes
 * every piece: no HTML from the database is ever trusted.
 */
export const SEARCH_CANDIDATES = 500;

/** Look-back windows for candidates, newest first, each ending where the previous one began. */
const SEARCH_WINDOWS_DAYS: readonly (number | null)[] = [3, 14, 60, 365, null];

/**
 * The newest SEARCH_CANDIDATES published revisions matching, found window by window, newest
 * window first: a common word fills its quota within the last days and never touches the rest of
 * the archive; a rare one reaches the older windows. Every window is answered by the GIN indexes,
 * never by walking recent stories and testing each one (reading a story's tsvector costs far more
 * than an index lookup, and a phrase of common words matched in almost none of them): the search
 * keys (lib/site/search-keys.ts) name the window's days and months and, for a phrase, its word
 * pairs, so only stories that have them are read at all.
 */
async function newestMatchingRevisions(db: Database, query: string, now = new Date()): Promise<string[]> {
  const [forms] = await queryRows<{ en: string; si: string }>(
    db,
    sql`select websearch_to_tsquery('english', ${query})::text as en, websearch_to_tsquery('simple', ${query})::text as si`,
  );
  if (!forms || (forms.en.trim() === "" && forms.si.trim() === "")) return [];
  const pairs = phraseKeys([forms.en, forms.si]);
  const tsquery = sql`(websearch_to_tsquery('english', ${query}) || websearch_to_tsquery('simple', ${query}))`;
  const ids: string[] = [];
  let until: Date | null = null;
  for (const days of SEARCH_WINDOWS_DAYS) {
    const since = days === null ? null : new Date(now.getTime() - days * 86_400_000);
    const keyParts: string[] = [];
    if (pairs) keyParts.push(`(${keyQueryText(pairs)})`);
    if (since) keyParts.push(`(${keyQueryText(periodKeys(since, until ?? new Date(now.getTime() + 86_400_000)).map((key) => [key]))})`);
    // Materialized, so the planner finds the matches through the indexes first and sorts only
    // those, rather than walking the newest stories in date order and testing each.
    const rows: { id: string }[] = await queryRows<{ id: string }>(
      db,
      sql`with matches as materialized (
            select r.id, r.created_at from story_revisions r
            where r.html is not null and r.search_vector @@ ${tsquery}
            ${keyParts.length ? sql`and r.search_keys @@ ${keyParts.join(" & ")}::tsquery` : sql``}
            ${since ? sql`and r.created_at >= ${since.toISOString()}` : sql``}
            ${until ? sql`and r.created_at < ${until.toISOString()}` : sql``}
          )
          select id from matches order by created_at desc nulls last limit ${SEARCH_CANDIDATES - ids.length}`,
    );
    ids.push(...rows.map((r) => r.id));
    if (ids.length >= SEARCH_CANDIDATES || since === null) break;
    until = since;
  }
  return ids;
}

export async function searchStories(query: string, page: number, perPage: number): Promise<ListPage<SearchHit>> {
  const db = await getDb();
  const offset = (page - 1) * perPage;
  if (offset >= SEARCH_CANDIDATES) return { items: [], page, hasNext: false };
  const marks = `StartSel=${SEARCH_MARK_START}, StopSel=${SEARCH_MARK_END}`;
  const candidates = await newestMatchingRevisions(db, query);
  if (candidates.length === 0) return { items: [], page, hasNext: false };
  const rows = await queryRows<CardRow & { headlineMarked: string; snippetMarked: string }>(
    db,
    sql`
      with q as (
        select websearch_to_tsquery('english', ${query}) as en, websearch_to_tsquery('simple', ${query}) as si
      ), hits as (
        select s.id, r.id as revision_id, s.first_published_at,
               ts_rank_cd(r.search_vector, case when r.language = 'en' then q.en else q.si end, 1) as rank
        from story_revisions r
        join stories s on s.live_revision_id = r.id and s.status = 'published'
        cross join q
        where r.id in (${sql.join(candidates.map((id) => sql`${id}`), sql`, `)})
        order by rank desc, s.first_published_at desc nulls last, s.id desc
        limit ${perPage + 1} offset ${offset}
      )
      select s.id, r.headline, r.standfirst, r.slug, r.section_id as "sectionId", sec.path as "sectionPath",
             sec.name as "sectionName", r.language, s.first_published_at as "firstPublishedAt",
             s.last_published_at as "lastPublishedAt", r.bylines, r.featured_caption as "featuredCaption",
             r.featured_credit as "featuredCredit", m.storage_key as "mediaKey", m.width as "mediaWidth",
             m.height as "mediaHeight", m.variants as "mediaVariants", m.alt as "mediaAlt",
             m.caption as "mediaCaption", m.credit as "mediaCredit",
             ts_headline(case when r.language = 'en' then 'english'::regconfig else 'simple'::regconfig end,
                         translate(r.headline, ${SEARCH_MARK_START + SEARCH_MARK_END}, ''),
                         case when r.language = 'en' then q.en else q.si end,
                         ${`${marks}, HighlightAll=true`}) as "headlineMarked",
             ts_headline(case when r.language = 'en' then 'english'::regconfig else 'simple'::regconfig end,
                         translate(left(r.body_text, 20000), ${SEARCH_MARK_START + SEARCH_MARK_END}, ''),
                         case when r.language = 'en' then q.en else q.si end,
                         ${`${marks}, MaxWords=40, MinWords=20, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "`}) as "snippetMarked"
      from hits h
      join stories s on s.id = h.id
      join story_revisions r on r.id = h.revision_id
      left join sections sec on sec.id = r.section_id
      left join media_assets m on m.id = r.featured_media_id
      cross join q
      order by h.rank desc, h.first_published_at desc nulls last, h.id desc
    `,
  );
  const items = rows.slice(0, perPage).map((row) => ({
    ...toCard({ ...row, bylines: (row.bylines ?? []) as RevisionByline[] }),
    headlineMarked: row.headlineMarked ?? row.headline,
    snippetMarked: row.snippetMarked ?? "",
  }));
  return { items, page, hasNext: rows.length > perPage && offset + perPage < SEARCH_CANDIDATES };
}

// ---------------------------------------------------------------------------------------------
// Feeds and sitemaps

function excerptOf(standfirst: string, bodyText: string): string {
  if (standfirst.trim()) return standfirst.trim();
  const text = bodyText.replace(/\s+/g, " ").trim();
  if (text.length <= 300) return text;
  const cut = text.slice(0, 300);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), 200))}…`;
}

export async function listFeedItems(limit: number, sectionIds?: readonly string[]): Promise<FeedItem[]> {
  const db = await getDb();
  const query = db
    .select({ ...cardColumns, bodyText: sql<string>`left(${storyRevisions.bodyText}, 2000)` })
    .from(stories)
    .innerJoin(storyRevisions, eq(storyRevisions.id, stories.liveRevisionId))
    .leftJoin(sections, eq(sections.id, storyRevisions.sectionId))
    .leftJoin(mediaAssets, eq(mediaAssets.id, storyRevisions.featuredMediaId))
    .$dynamic();
  let rows;
  if (sectionIds) {
    const ids = await newestInSections(sectionIds, limit, 0);
    if (ids.length === 0) return [];
    const found = await query.where(and(eq(stories.status, "published"), inArray(stories.id, ids)));
    const order = new Map(ids.map((id, i) => [id, i]));
    rows = found.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  } else {
    rows = await query.where(eq(stories.status, "published")).orderBy(...NEWEST_FIRST).limit(limit);
  }
  return rows.map((row) => ({ ...toCard(row as CardRow), sectionPath: row.sectionPath, excerpt: excerptOf(row.standfirst, row.bodyText) }));
}

export async function countPublishedStories(): Promise<number> {
  const db = await getDb();
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(stories).where(eq(stories.status, "published"));
  return row?.n ?? 0;
}

export async function listSitemapEntries(offset: number, limit: number): Promise<SitemapEntry[]> {
  const db = await getDb();
  const rows = await db
    .select({ slug: storyRevisions.slug, sectionPath: sections.path, lastPublishedAt: stories.lastPublishedAt, firstPublishedAt: stories.firstPublishedAt })
    .from(stories)
    .innerJoin(storyRevisions, eq(storyRevisions.id, stories.liveRevisionId))
    .leftJoin(sections, eq(sections.id, storyRevisions.sectionId))
    .where(eq(stories.status, "published"))
    .orderBy(...NEWEST_FIRST)
    .limit(limit)
    .offset(offset);
  return rows.map((r) => ({ path: articlePath(r.sectionPath, r.slug), lastModified: iso(r.lastPublishedAt ?? r.firstPublishedAt) }));
}

export async function listNewsSitemapEntries(since: Date, limit: number): Promise<NewsSitemapEntry[]> {
  const db = await getDb();
  const rows = await db
    .select({ slug: storyRevisions.slug, sectionPath: sections.path, headline: storyRevisions.headline, language: storyRevisions.language, firstPublishedAt: stories.firstPublishedAt })
    .from(stories)
    .innerJoin(storyRevisions, eq(storyRevisions.id, stories.liveRevisionId))
    .leftJoin(sections, eq(sections.id, storyRevisions.sectionId))
    .where(and(eq(stories.status, "published"), sql`${stories.firstPublishedAt} >= ${since.toISOString()}`))
    .orderBy(...NEWEST_FIRST)
    .limit(limit);
  return rows.map((r) => ({ path: articlePath(r.sectionPath, r.slug), headline: r.headline, language: r.language, publishedAt: iso(r.firstPublishedAt) }));
}

// ---------------------------------------------------------------------------------------------
// Existence checks for the proxy's answers (see route-resolver.ts)

export async function authorHasPublishedStories(slug: string): Promise<boolean> {
  const author = await readAuthor(slug);
  if (!author) return false;
  return (await listAuthorCards(author.id, 1, 1)).items.length > 0;
}

export async function tagHasPublishedStories(slug: string): Promise<boolean> {
  return (await listTagCards(slug, 1, 1)).items.length > 0;
}

/** What a public change touches beyond the story and its sections (for exact revalidation). */
export async function readRevalidationScope(storyId: string): Promise<{ translationGroupId: string | null }> {
  const db = await getDb();
  const [row] = await db.select({ translationGroupId: stories.translationGroupId }).from(stories).where(eq(stories.id, storyId));
  return { translationGroupId: row?.translationGroupId ?? null };
}

/**
 * Refreshes the planner's statistics. PostgreSQL's autovacuum does this by itself; embedded PGlite
 * has no autovacuum, and without statistics the planner cannot tell a rare search word from a
 * common one (see searchStories). Run at start-up on PGlite.
 */
export async function refreshPlannerStatisticsIfEmbedded(): Promise<void> {
  const handle = await getDbHandle();
  if (handle.engine === "pglite") await handle.db.execute(sql`analyze stories, story_revisions`);
}
