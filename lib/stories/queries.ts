import "server-only";
import { and, asc, count, desc, eq, ilike, inArray, isNotNull, isNull, ne, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb, tables } from "@/lib/db";
import { can, canViewStory, type Viewer } from "@/lib/auth/policy";
import type { JSONContent } from "@tiptap/core";
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

export type StoryAccessWithVersion = Access & { version: number };

/**
 * The policy facts and content version of several stories in two queries: the collaboration
 * server re-checks every open shared document with it once a second.
 */
export async function loadStoriesAccess(storyIds: readonly string[]): Promise<Map<string, StoryAccessWithVersion>> {
  const ids = [...new Set(storyIds)].filter(isUuid);
  if (ids.length === 0) return new Map();
  const db = await getDb();
  const rows = await db.select({ id: stories.id, authorId: stories.authorId, status: stories.status, version: stories.version }).from(stories).where(inArray(stories.id, ids));
  const bylines = await db.select({ storyId: storyBylines.storyId, userId: storyBylines.userId }).from(storyBylines).where(inArray(storyBylines.storyId, ids));
  const out = new Map<string, StoryAccessWithVersion>();
  for (const row of rows) {
    const bylineUserIds = bylines.filter((b) => b.storyId === row.id && b.userId).map((b) => b.userId!);
    out.set(row.id, { authorId: row.authorId, status: row.status, version: row.version, bylineUserIds });
  }
  return out;
}

/**
 * What a draft refers to that only the database can check (the rest is storyDraftSchema and the
 * content validation): the section, the featured image and byline people exist, and whether
 * another story already uses the slug.
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
  const taken = await db.select({ id: stories.id }).from(stories).where(and(eq(stories.slug, draft.slug), ne(stories.id, storyId))).limit(1);
  return { ok: true, slugTaken: taken.length > 0 };
}

/** The working copy for the editor, or null when it does not exist or the viewer may not see it. */
export async function getStoryForEditor(viewer: Viewer, storyId: string): Promise<EditorStory | null> {
  if (!isUuid(storyId)) return null;
  const access = await loadStoryAccess(storyId);
  // Same answer for "missing" and "not yours": nobody learns which drafts exist.
  if (!access || !canViewStory(viewer, access).ok) return null;
  return readEditorStory(storyId);
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

export async function listRevisions(viewer: Viewer, storyId: string): Promise<RevisionSummary[] | null> {
  if (!isUuid(storyId)) return null;
  const access = await loadStoryAccess(storyId);
  if (!access || !canViewStory(viewer, access).ok) return null;
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
  if (!access || !canViewStory(viewer, access).ok) return null;
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


/** Tag names for the editor's autocomplete, most used first. */
export async function listTagNames(limit = 500): Promise<string[]> {
  const db = await getDb();
  const rows = await db
    .select({ name: tags.name, uses: count(storyTags.storyId) })
    .from(tags)
    .leftJoin(storyTags, eq(storyTags.tagId, tags.id))
    .groupBy(tags.id, tags.name)
    .orderBy(desc(count(storyTags.storyId)), asc(tags.name))
    .limit(Math.min(Math.max(limit, 1), 2000));
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
