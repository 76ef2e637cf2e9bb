import "server-only";
import { and, asc, count, desc, eq, ilike, inArray, isNotNull, isNull, ne, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb, queryRows, tables } from "@/lib/db";
import { can, canReadStoryWorkingCopy, canViewStory, type Viewer } from "@/lib/auth/policy";
import { countWords } from "@/lib/content/text";
import type { JSONContent } from "@tiptap/core";
import type { Tx } from "./commands";
import type { StoryStatus } from "./workflow";
import type { StoryDraft } from "./schemas";

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
  /** In the trash since (ISO), or null. */
  trashedAt: string | null;
  live: { revisionId: string; storyVersion: number; path: string } | null;
  /**
   * "working": the working copy (staged changes included). "live": the published version only, for
   * a viewer who may not read the working copy (another reporter's live story).
   */
  view: "working" | "live";
};

type Access = { authorId: string; bylineUserIds: string[]; status: StoryStatus; /** In the trash: nobody may edit it, whatever its state (read where a write is at stake). */ trashed?: boolean };

/** The row facts every policy check needs: author, co-bylines and state. */
export async function loadStoryAccess(storyId: string): Promise<Access | null> {
  const db = await getDb();
  const [row] = await db.select({ authorId: stories.authorId, status: stories.status, trashedAt: stories.trashedAt }).from(stories).where(eq(stories.id, storyId));
  if (!row) return null;
  const bylines = await db.select({ userId: storyBylines.userId }).from(storyBylines).where(eq(storyBylines.storyId, storyId));
  return { authorId: row.authorId, status: row.status, trashed: row.trashedAt !== null, bylineUserIds: bylines.map((b) => b.userId).filter((id): id is string => !!id) };
}

/**
 * True when a story other than `storyId` that is or was live holds `slug`. Only those reserve an
 * address: drafts may share a slug, so a draft never takes a clean address from a later story.
 */
export async function slugHeldByLiveStory(tx: Pick<Tx, "select">, slug: string, storyId: string | null): Promise<boolean> {
  const rows = await tx
    .select({ id: stories.id })
    .from(stories)
    .where(
      and(
        storyId ? ne(stories.id, storyId) : undefined,
        or(
          and(eq(stories.slug, slug), isNotNull(stories.firstPublishedAt)),
          // A live story whose staged copy has moved to another slug still holds its live address.
          inArray(stories.liveRevisionId, tx.select({ id: storyRevisions.id }).from(storyRevisions).where(eq(storyRevisions.slug, slug))),
        ),
      ),
    )
    .limit(1);
  return rows.length > 0;
}

export type StoryAccessWithVersion = Access & { version: number };

/**
 * The policy facts and content version of several stories in two queries: the collaboration
 * server re-checks every open shared document with it once a second.
 */
export async function loadStoriesAccess(storyIds: readonly string[]): Promise<Map<string, StoryAccessWithVersion>> {
  const ids = [...new Set(storyIds)].filter(isUuid);
  if (ids.length === 0) return new Map();
  const db = await getDb();
  const rows = await db
    .select({ id: stories.id, authorId: stories.authorId, status: stories.status, version: stories.version, trashedAt: stories.trashedAt })
    .from(stories)
    .where(inArray(stories.id, ids));
  const bylines = await db.select({ storyId: storyBylines.storyId, userId: storyBylines.userId }).from(storyBylines).where(inArray(storyBylines.storyId, ids));
  const out = new Map<string, StoryAccessWithVersion>();
  for (const row of rows) {
    const bylineUserIds = bylines.filter((b) => b.storyId === row.id && b.userId).map((b) => b.userId!);
    out.set(row.id, { authorId: row.authorId, status: row.status, version: row.version, trashed: row.trashedAt !== null, bylineUserIds });
  }
  return out;
}

/**
 * What a draft refers to that only the database can check (the rest is storyDraftSchema and the
 * content validation): the section, the featured image and byline people exist, and whether
 * a story that is or was live holds the slug (drafts may share one).
 */
export async function checkDraftReferences(
  storyId: string,
  draft: Pick<StoryDraft, "sectionId" | "featuredMediaId" | "bylines" | "slug">,
): Promise<{ ok: true; slugTaken: boolean } | { ok: false; message: string }> {
  const db = await getDb();
  if (draft.sectionId) {
    const [row] = await db.select({ id: sections.id }).from(sections).where(eq(sections.id, draft.sectionId));
    if (!row) return { ok: false, message: "That section no longer exists." };
  }
  if (draft.featuredMediaId) {
    const [row] = await db.select({ id: tables.mediaAssets.id }).from(tables.mediaAssets).where(eq(tables.mediaAssets.id, draft.featuredMediaId));
    if (!row) return { ok: false, message: "That featured image no longer exists; choose another one." };
  }
  const userIds = draft.bylines.map((b) => b.userId).filter((id): id is string => !!id);
  if (userIds.length > 0) {
    const found = await db.select({ id: users.id }).from(users).where(inArray(users.id, userIds));
    if (new Set(found.map((u) => u.id)).size !== new Set(userIds).size) return { ok: false, message: "A byline names someone who is not in the newsroom." };
  }
  if (!draft.slug) return { ok: true, slugTaken: false };
  return { ok: true, slugTaken: await slugHeldByLiveStory(db, draft.slug, storyId) };
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
    trashedAt: null,
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
    trashedAt: s.trashedAt?.toISOString() ?? null,
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
  // The trash has its own page (listTrash); the desk lists only what is being worked on.
  const where: SQL[] = [isNull(stories.trashedAt)];
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

export type TrashRow = { id: string; headline: string; authorName: string; status: StoryStatus; trashedAt: Date; trashedByName: string | null };

/** The trash: a reporter sees their own stories there, editors everyone's. Newest first. */
export async function listTrash(viewer: Viewer): Promise<TrashRow[]> {
  const db = await getDb();
  const trashedBy = alias(users, "trashed_by_user");
  const rows = await db
    .select({
      id: stories.id,
      headline: stories.headline,
      authorName: users.name,
      status: stories.status,
      trashedAt: stories.trashedAt,
      trashedByName: trashedBy.name,
    })
    .from(stories)
    .innerJoin(users, eq(users.id, stories.authorId))
    .leftJoin(trashedBy, eq(trashedBy.id, stories.trashedBy))
    .where(and(isNotNull(stories.trashedAt), can(viewer.role, "story.trash.any") ? undefined : ownedBy(viewer.id)))
    .orderBy(desc(stories.trashedAt))
    .limit(500);
  return rows.map((r) => ({ ...r, trashedAt: r.trashedAt! }));
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
    .where(and(isNull(stories.trashedAt), mine || !can(viewer.role, "story.read.any") ? ownedBy(viewer.id) : undefined))
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

export type StoryTranslation = { id: string; language: string; headline: string; status: StoryStatus };

/** The other stories of this story's translation group (every state: it is the desk's view). */
export async function listStoryTranslations(storyId: string): Promise<StoryTranslation[]> {
  const db = await getDb();
  const [row] = await db.select({ groupId: stories.translationGroupId }).from(stories).where(eq(stories.id, storyId));
  if (!row?.groupId) return [];
  const rows = await db
    .select({ id: stories.id, language: stories.language, headline: stories.headline, status: stories.status })
    .from(stories)
    .where(and(eq(stories.translationGroupId, row.groupId), sql`${stories.id} <> ${storyId}`))
    .orderBy(asc(stories.language));
  return rows;
}
