import "server-only";
import { and, asc, count, desc, eq, ilike, inArray, or, sql, type SQL } from "drizzle-orm";
import { getDb, queryRows, tables } from "@/lib/db";
import { can, canReadStoryWorkingCopy, canViewStory, type Viewer } from "@/lib/auth/policy";
import { countWords } from "@/lib/content/text";
import type { JSONContent } from "@tiptap/core";
import type { Tx } from "./commands";
import type { StoryStatus } from "./workflow";

const { stories, storyRevisions, storyBylines, storyTags, tags, sections, users } = tables;

export type EditorByline = { userId: string | null; name: string };

export type EditorStory = {
  id: string;
  status: StoryStatus;
  version: number;
  headline: string;
  standfirst: string;
  body: JSONContent;
  sourceLine: string;
  slug: string;
  sectionId: string | null;
  language: string;
  tags: string[];
  bylines: EditorByline[];
  featuredMediaId: string | null;
  featuredCaption: string;
  featuredCredit: string;
  seoTitle: string;
  seoDescription: string;
  wordCount: number;
  authorId: string;
  authorName: string;
  updatedAt: string;
  scheduledFor: string | null;
  firstPublishedAt: string | null;
  unpublishedReason: string | null;
  updateProposedAt: string | null;
  live: { revisionId: string; storyVersion: number; path: string } | null;
  /**
   * "working": the working copy (staged changes included). "live": the published version only, for
   * a viewer who may not read the working copy (another reporter's live story).
   */
  view: "working" | "live";
};

type Access = { authorId: string; bylineUserIds: string[]; status: StoryStatus };

/** The row facts every policy check needs: author, co-bylines and state. */
export async function loadStoryAccess(storyId: string): Promise<Access | null> {
  const db = await getDb();
  const [row] = await db.select({ authorId: stories.authorId, status: stories.status }).from(stories).where(eq(stories.id, storyId));
  if (!row) return null;
  const bylines = await db.select({ userId: storyBylines.userId }).from(storyBylines).where(eq(storyBylines.storyId, storyId));
  return { ...row, bylineUserIds: bylines.map((b) => b.userId).filter((id): id is string => !!id) };
}

export type StoryAudience = { access: Access; workingHeadline: string; liveHeadline: string | null };

/**
 * What a notification about the story may say, read inside the caller's transaction: the facts the
 * policy needs, the working headline, and the headline readers see (null when not live).
 */
export async function loadStoryAudience(tx: Tx, storyId: string): Promise<StoryAudience | null> {
  const [row] = await tx
    .select({ authorId: stories.authorId, status: stories.status, workingHeadline: stories.headline, liveHeadline: storyRevisions.headline })
    .from(stories)
    .leftJoin(storyRevisions, eq(storyRevisions.id, stories.liveRevisionId))
    .where(eq(stories.id, storyId));
  if (!row) return null;
  const bylines = await tx.select({ userId: storyBylines.userId }).from(storyBylines).where(eq(storyBylines.storyId, storyId));
  return {
    access: { authorId: row.authorId, status: row.status, bylineUserIds: bylines.map((b) => b.userId).filter((id): id is string => !!id) },
    workingHeadline: row.workingHeadline,
    liveHeadline: row.status === "published" ? row.liveHeadline : null,
  };
}

/**
 * The story for the editor: the working copy for those who may read it, the live version for those
 * who may only see that (another reporter's live story), null when it does not exist or the viewer
 * may not see it.
 */
export async function getStoryForEditor(viewer: Viewer, storyId: string): Promise<EditorStory | null> {
  if (!isUuid(storyId)) return null;
  const access = await loadStoryAccess(storyId);
  // Same answer for "missing" and "not yours": nobody learns which drafts exist.
  if (!access || !canViewStory(viewer, access).ok) return null;
  if (canReadStoryWorkingCopy(viewer, access).ok) return readEditorStory(storyId);
  return readLiveEditorStory(storyId);
}

/** The live revision in the editor's shape; nothing of the working copy (staged edits, schedule, proposals). */
async function readLiveEditorStory(storyId: string): Promise<EditorStory | null> {
  const db = await getDb();
  const [row] = await db
    .select({
      status: stories.status,
      authorId: stories.authorId,
      firstPublishedAt: stories.firstPublishedAt,
      authorName: users.name,
      revision: storyRevisions,
      sectionPath: sections.path,
    })
    .from(stories)
    .innerJoin(users, eq(users.id, stories.authorId))
    .innerJoin(storyRevisions, eq(storyRevisions.id, stories.liveRevisionId))
    .leftJoin(sections, eq(sections.id, storyRevisions.sectionId))
    .where(and(eq(stories.id, storyId), eq(stories.status, "published")));
  if (!row) return null;
  const r = row.revision;
  return {
    id: storyId,
    status: row.status,
    version: r.storyVersion,
    headline: r.headline,
    standfirst: r.standfirst,
    body: r.body as JSONContent,
    sourceLine: r.sourceLine,
    slug: r.slug,
    sectionId: r.sectionId,
    language: r.language,
    tags: r.tags.map((t) => t.name),
    bylines: r.bylines.map((b) => ({ userId: b.userId, name: b.name })),
    featuredMediaId: r.featuredMediaId,
    featuredCaption: r.featuredCaption,
    featuredCredit: r.featuredCredit,
    seoTitle: r.seoTitle,
    seoDescription: r.seoDescription,
    wordCount: countWords(r.bodyText),
    authorId: row.authorId,
    authorName: row.authorName,
    updatedAt: r.createdAt.toISOString(),
    scheduledFor: null,
    firstPublishedAt: row.firstPublishedAt?.toISOString() ?? null,
    unpublishedReason: null,
    updateProposedAt: null,
    live: { revisionId: r.id, storyVersion: r.storyVersion, path: `/${row.sectionPath ? `${row.sectionPath}/` : ""}${r.slug}` },
    view: "live",
  };
}

/** Unchecked read; callers have already applied the policy (commands hand it back on a conflict). */
export async function readEditorStory(storyId: string): Promise<EditorStory | null> {
  const db = await getDb();
  const [row] = await db
    .select({
      story: stories,
      authorName: users.name,
      liveVersion: storyRevisions.storyVersion,
      liveSlug: storyRevisions.slug,
      liveSectionPath: sections.path,
    })
    .from(stories)
    .innerJoin(users, eq(users.id, stories.authorId))
    .leftJoin(storyRevisions, eq(storyRevisions.id, stories.liveRevisionId))
    .leftJoin(sections, eq(sections.id, storyRevisions.sectionId))
    .where(eq(stories.id, storyId));
  if (!row) return null;
  const s = row.story;
  const [bylineRows, tagRows] = await Promise.all([
    db.select({ userId: storyBylines.userId, name: storyBylines.displayName }).from(storyBylines).where(eq(storyBylines.storyId, storyId)).orderBy(asc(storyBylines.position)),
    db.select({ name: tags.name }).from(storyTags).innerJoin(tags, eq(tags.id, storyTags.tagId)).where(eq(storyTags.storyId, storyId)).orderBy(asc(tags.name)),
  ]);
  return {
    id: s.id,
    status: s.status,
    version: s.version,
    headline: s.headline,
    standfirst: s.standfirst,
    body: s.body as JSONContent,
    sourceLine: s.sourceLine,
    slug: s.slug,
    sectionId: s.sectionId,
    language: s.language,
    tags: tagRows.map((t) => t.name),
    bylines: bylineRows,
    featuredMediaId: s.featuredMediaId,
    featuredCaption: s.featuredCaption,
    featuredCredit: s.featuredCredit,
    seoTitle: s.seoTitle,
    seoDescription: s.seoDescription,
    wordCount: s.wordCount,
    authorId: s.authorId,
    authorName: row.authorName,
    updatedAt: s.updatedAt.toISOString(),
    scheduledFor: s.scheduledFor?.toISOString() ?? null,
    firstPublishedAt: s.firstPublishedAt?.toISOString() ?? null,
    unpublishedReason: s.unpublishedReason,
    updateProposedAt: s.updateProposedAt?.toISOString() ?? null,
    live:
      s.liveRevisionId && row.liveVersion !== null && row.liveSlug
        ? { revisionId: s.liveRevisionId, storyVersion: row.liveVersion, path: `/${row.liveSectionPath ? `${row.liveSectionPath}/` : ""}${row.liveSlug}` }
        : null,
    view: "working",
  };
}

/** Author or co-byline: the stories a reporter may see on the desk. */
function ownedBy(userId: string): SQL {
  return or(
    eq(stories.authorId, userId),
    inArray(stories.id, sql`(select ${storyBylines.storyId} from ${storyBylines} where ${storyBylines.userId} = ${userId})`),
  )!;
}

export type DeskStoryRow = {
  id: string;
  headline: string;
  status: StoryStatus;
  authorName: string;
  sectionName: string | null;
  wordCount: number;
  updatedAt: Date;
  scheduledFor: Date | null;
};

export type DeskFilters = {
  status?: StoryStatus;
  sectionId?: string;
  authorId?: string;
  q?: string;
  mine?: boolean;
  limit?: number;
};

/** Stories on the desk: a reporter sees their own and co-bylined ones; editors see all. */
export async function listDeskStories(viewer: Viewer, filters: DeskFilters = {}): Promise<DeskStoryRow[]> {
  const db = await getDb();
  const where: SQL[] = [];
  if (filters.mine || !can(viewer.role, "story.read.any")) where.push(ownedBy(viewer.id));
  if (filters.status) where.push(eq(stories.status, filters.status));
  if (filters.sectionId && isUuid(filters.sectionId)) where.push(eq(stories.sectionId, filters.sectionId));
  if (filters.authorId && isUuid(filters.authorId)) where.push(eq(stories.authorId, filters.authorId));
  if (filters.q && filters.q.trim()) {
    // Parameterised ILIKE with escaped wildcards: the search box cannot inject SQL or patterns.
    const pattern = `%${filters.q.trim().slice(0, 200).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(or(ilike(stories.headline, pattern), ilike(stories.bodyText, pattern))!);
  }
  return db
    .select({
      id: stories.id,
      headline: stories.headline,
      status: stories.status,
      authorName: users.name,
      sectionName: sections.name,
      wordCount: stories.wordCount,
      updatedAt: stories.updatedAt,
      scheduledFor: stories.scheduledFor,
    })
    .from(stories)
    .innerJoin(users, eq(users.id, stories.authorId))
    .leftJoin(sections, eq(sections.id, stories.sectionId))
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(stories.updatedAt))
    .limit(Math.min(Math.max(filters.limit ?? 100, 1), 500));
}

export type StoryHeading = { id: string; headline: string; language: string; status: StoryStatus; version: number; authorId: string; bylineUserIds: string[] };

/**
 * What the history page needs of the story itself, for those who may read its revisions; unlike
 * getStoryForEditor it does not load the body (up to 2 MB of JSON to parse).
 */
export async function getStoryHeading(viewer: Viewer, storyId: string): Promise<StoryHeading | null> {
  if (!isUuid(storyId)) return null;
  const access = await loadStoryAccess(storyId);
  if (!access || !canReadStoryWorkingCopy(viewer, access).ok) return null;
  const db = await getDb();
  const [row] = await db
    .select({ id: stories.id, headline: stories.headline, language: stories.language, status: stories.status, version: stories.version, authorId: stories.authorId })
    .from(stories)
    .where(eq(stories.id, storyId));
  return row ? { ...row, bylineUserIds: access.bylineUserIds } : null;
}

export type RevisionSummary = {
  id: string;
  number: number;
  kind: string;
  reason: string;
  headline: string;
  createdAt: Date;
  createdByName: string | null;
  isLive: boolean;
};

/** Every revision, for those who may read the working copy (revisions hold staged and "conflict kept" text). */
export async function listRevisions(viewer: Viewer, storyId: string): Promise<RevisionSummary[] | null> {
  if (!isUuid(storyId)) return null;
  const access = await loadStoryAccess(storyId);
  if (!access || !canReadStoryWorkingCopy(viewer, access).ok) return null;
  const db = await getDb();
  const rows = await db
    .select({
      id: storyRevisions.id,
      number: storyRevisions.number,
      kind: storyRevisions.kind,
      reason: storyRevisions.reason,
      headline: storyRevisions.headline,
      createdAt: storyRevisions.createdAt,
      createdByName: users.name,
      liveId: stories.liveRevisionId,
    })
    .from(storyRevisions)
    .innerJoin(stories, eq(stories.id, storyRevisions.storyId))
    .leftJoin(users, eq(users.id, storyRevisions.createdBy))
    .where(eq(storyRevisions.storyId, storyId))
    .orderBy(desc(storyRevisions.number));
  return rows.map(({ liveId, ...r }) => ({ ...r, isLive: liveId === r.id }));
}

export type RevisionDetail = {
  id: string;
  storyId: string;
  number: number;
  kind: string;
  headline: string;
  standfirst: string;
  bodyText: string;
  sourceLine: string;
  createdAt: Date;
};

export async function getRevision(viewer: Viewer, storyId: string, revisionId: string): Promise<RevisionDetail | null> {
  if (!isUuid(storyId) || !isUuid(revisionId)) return null;
  const access = await loadStoryAccess(storyId);
  if (!access || !canReadStoryWorkingCopy(viewer, access).ok) return null;
  const db = await getDb();
  const [row] = await db
    .select({
      id: storyRevisions.id,
      storyId: storyRevisions.storyId,
      number: storyRevisions.number,
      kind: storyRevisions.kind,
      headline: storyRevisions.headline,
      standfirst: storyRevisions.standfirst,
      bodyText: storyRevisions.bodyText,
      sourceLine: storyRevisions.sourceLine,
      createdAt: storyRevisions.createdAt,
    })
    .from(storyRevisions)
    .where(and(eq(storyRevisions.id, revisionId), eq(storyRevisions.storyId, storyId)));
  return row ?? null;
}

export async function countStoriesByStatus(viewer: Viewer, mine = false): Promise<Record<StoryStatus, number>> {
  const db = await getDb();
  const rows = await db
    .select({ status: stories.status, n: count() })
    .from(stories)
    .where(mine || !can(viewer.role, "story.read.any") ? ownedBy(viewer.id) : undefined)
    .groupBy(stories.status);
  const counts = { draft: 0, in_review: 0, changes_requested: 0, approved: 0, scheduled: 0, published: 0, unpublished: 0 } as Record<StoryStatus, number>;
  for (const r of rows) counts[r.status] = r.n;
  return counts;
}

export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}


/**
 * Tag names for the editor's autocomplete, most used first. Only tags the viewer could see anyway:
 * those on live stories (as published: a staged tag is not public yet) and those on the viewer's
 * own stories; with "story.read.staged.any" (editors), those on every story. A tag typed on
 * someone else's draft, or removed from every story, is never suggested.
 */
export async function listTagNames(viewer: Viewer, limit = 500): Promise<string[]> {
  const db = await getDb();
  const everyStory = can(viewer.role, "story.read.staged.any");
  const rows = await queryRows<{ name: string }>(
    db,
    sql`
      select min(name) as name
      from (
        select tag->>'name' as name, tag->>'slug' as slug
        from ${stories} s
        join ${storyRevisions} r on r.id = s.live_revision_id
        cross join lateral jsonb_array_elements(r.tags) as tag
        where s.status = 'published'
        union all
        select ${tags.name} as name, ${tags.slug} as slug
        from ${storyTags}
        join ${tags} on ${tags.id} = ${storyTags.tagId}
        join ${stories} on ${stories.id} = ${storyTags.storyId}
        where ${everyStory ? sql`true` : ownedBy(viewer.id)}
      ) as seen
      group by slug
      order by count(*) desc, min(name) asc
      limit ${Math.min(Math.max(Math.trunc(limit), 1), 2000)}
    `,
  );
  return rows.map((r) => r.name);
}
