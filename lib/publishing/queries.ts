import "server-only";
import { and, asc, count, desc, eq, gte, inArray, isNotNull, isNull, lte, ne, or, sql, type SQL } from "drizzle-orm";
import { getDb, tables, type Database } from "@/lib/db";
import { can, canViewStory, type Viewer } from "@/lib/auth/policy";
import { loadStoryAccess } from "@/lib/stories/queries";
import type { ReviewedVersion } from "@/lib/stories/reviewed-version";
import { compareVersions, type ComparableVersion, type VersionChanges } from "./version-changes";

const { stories, storyRevisions, storyBylines, storyTags, tags, users, sections, auditEvents } = tables;

type StoryRow = typeof stories.$inferSelect;
type RevisionRow = typeof storyRevisions.$inferSelect;

/**
 * Approved or scheduled, but saved again after the approval: the text an editor signed off is no
 * longer the text on the desk, so someone has to read it again.
 */
const changedSinceApproval: SQL = sql`(${stories.status} in ('approved', 'scheduled') and ${stories.approvedRevisionId} is not null
  and ${stories.version} <> (select ${storyRevisions.storyVersion} from ${storyRevisions} where ${storyRevisions.id} = ${stories.approvedRevisionId}))`;

const waitingForReview = (): SQL =>
  and(isNull(stories.trashedAt), or(eq(stories.status, "in_review"), and(eq(stories.status, "published"), isNotNull(stories.updateProposedAt)), changedSinceApproval))!;

export type ReviewQueueItem = {
  id: string;
  /** A proposed update to a live story rather than a new story. */
  isUpdate: boolean;
  /** Approved or scheduled, then changed: back in the queue to be read again. */
  changedSinceApproval: boolean;
  headline: string;
  reporterName: string;
  sectionName: string | null;
  wordCount: number;
  submittedAt: string;
};

/** Stories waiting for review, oldest first. Null for people who may not read the queue. */
export async function listReviewQueue(viewer: Viewer): Promise<ReviewQueueItem[] | null> {
  if (!can(viewer.role, "review.queue.read")) return null;
  const db = await getDb();
  // When it last entered review: the newest transition into in_review in the audit log.
  // A story changed after approval waits from its latest save.
  const submittedAt = sql<Date>`coalesce(${stories.updateProposedAt}, case when ${changedSinceApproval} then ${stories.updatedAt} end, (select max(${auditEvents.at}) from ${auditEvents}
      where ${auditEvents.targetType} = 'story' and ${auditEvents.targetId} = ${stories.id}::text
      and ${auditEvents.action} = 'story.transition' and ${auditEvents.details}->>'to' = 'in_review'), ${stories.updatedAt})`;
  const rows = await db
    .select({
      id: stories.id,
      isUpdate: sql<boolean>`${stories.status} = 'published'`,
      changedSinceApproval: sql<boolean>`${changedSinceApproval}`,
      headline: stories.headline,
      reporterName: users.name,
      sectionName: sections.name,
      wordCount: stories.wordCount,
      submittedAt,
    })
    .from(stories)
    .innerJoin(users, eq(users.id, stories.authorId))
    .leftJoin(sections, eq(sections.id, stories.sectionId))
    .where(waitingForReview())
    .orderBy(asc(submittedAt))
    .limit(500);
  return rows.map((r) => ({ ...r, submittedAt: new Date(r.submittedAt).toISOString() }));
}

export async function countReviewQueue(viewer: Viewer): Promise<number | null> {
  if (!can(viewer.role, "review.queue.read")) return null;
  const db = await getDb();
  const [row] = await db
    .select({ n: count() })
    .from(stories)
    .where(waitingForReview());
  return row?.n ?? 0;
}

export type ScheduledItem = { id: string; headline: string; sectionName: string | null; authorName: string; scheduledFor: Date };

/** Everything scheduled from `from` on, soonest first: the desk's schedule by day. */
export async function listSchedule(viewer: Viewer, from = new Date(Date.now() - 24 * 3600_000)): Promise<ScheduledItem[] | null> {
  if (!can(viewer.role, "story.schedule")) return null;
  const db = await getDb();
  const rows = await db
    .select({ id: stories.id, headline: stories.headline, sectionName: sections.name, authorName: users.name, scheduledFor: stories.scheduledFor })
    .from(stories)
    .innerJoin(users, eq(users.id, stories.authorId))
    .leftJoin(sections, eq(sections.id, stories.sectionId))
    .where(and(eq(stories.status, "scheduled"), gte(stories.scheduledFor, from)))
    .orderBy(asc(stories.scheduledFor))
    .limit(1000);
  return rows.map((r) => ({ ...r, scheduledFor: r.scheduledFor! }));
}

export type RecentItem = { id: string; headline: string; lastPublishedAt: Date };

export async function listRecentlyPublished(viewer: Viewer, limit = 10): Promise<RecentItem[]> {
  const db = await getDb();
  const mine = !can(viewer.role, "story.read.any");
  const rows = await db
    .select({ id: stories.id, headline: stories.headline, lastPublishedAt: stories.lastPublishedAt })
    .from(stories)
    .where(and(eq(stories.status, "published"), mine ? eq(stories.authorId, viewer.id) : undefined))
    .orderBy(desc(stories.lastPublishedAt))
    .limit(limit);
  return rows.map((r) => ({ ...r, lastPublishedAt: r.lastPublishedAt! }));
}

/** The working copy in the shape the comparison takes. */
async function workingCopyComparable(db: Database, story: StoryRow): Promise<ComparableVersion> {
  const bylineRows = await db.select({ name: storyBylines.displayName }).from(storyBylines).where(eq(storyBylines.storyId, story.id)).orderBy(asc(storyBylines.position));
  const tagRows = await db.select({ name: tags.name }).from(storyTags).innerJoin(tags, eq(tags.id, storyTags.tagId)).where(eq(storyTags.storyId, story.id));
  return { ...story, tags: tagRows.map((t) => t.name), bylines: bylineRows.map((b) => b.name) };
}

function revisionComparable(revision: RevisionRow): ComparableVersion {
  return { ...revision, tags: revision.tags.map((t) => t.name), bylines: revision.bylines.map((b) => b.name) };
}

async function compareWithWorkingCopy(db: Database, story: StoryRow, base: RevisionRow | undefined, reviewedVersion: number): Promise<VersionChanges> {
  const current = await workingCopyComparable(db, story);
  const empty: ComparableVersion = { ...current, headline: "", standfirst: "", bodyText: "", sourceLine: "", tags: [], bylines: [] };
  return {
    reviewedVersion,
    currentVersion: story.version,
    since: { version: base?.storyVersion ?? 0, exact: base?.storyVersion === reviewedVersion },
    ...compareVersions(base ? revisionComparable(base) : empty, current),
  };
}

/**
 * What changed between the version an editor read and the story now (inside the caller's
 * transaction: `db` may be one). The comparison starts at the newest kept snapshot of that version
 * or, when autosave kept none of it, the newest one before it; `since.exact` tells them apart.
 */
export async function readChangesSince(db: Database, story: StoryRow, reviewed: ReviewedVersion): Promise<VersionChanges> {
  const [base] = await db
    .select()
    .from(storyRevisions)
    // Conflict revisions hold a losing edit's text, never a version the story had.
    .where(and(eq(storyRevisions.storyId, story.id), lte(storyRevisions.storyVersion, reviewed.version), ne(storyRevisions.kind, "conflict")))
    .orderBy(desc(storyRevisions.storyVersion), desc(storyRevisions.number))
    .limit(1);
  return compareWithWorkingCopy(db, story, base, reviewed.version);
}

export type ApprovalChanges = VersionChanges & { approvedAt: Date; approvedByName: string | null };

/**
 * For an approved or scheduled story saved again after its approval: what changed since the
 * approved snapshot. Null when nothing changed, or the viewer may not see the story.
 */
export async function readChangesSinceApproval(viewer: Viewer, storyId: string): Promise<ApprovalChanges | null> {
  const access = await loadStoryAccess(storyId);
  if (!access || !canViewStory(viewer, access).ok) return null;
  const db = await getDb();
  const [story] = await db.select().from(stories).where(and(eq(stories.id, storyId), inArray(stories.status, ["approved", "scheduled"])));
  if (!story?.approvedRevisionId) return null;
  const [approved] = await db
    .select({ revision: storyRevisions, byName: users.name })
    .from(storyRevisions)
    .leftJoin(users, eq(users.id, storyRevisions.createdBy))
    .where(eq(storyRevisions.id, story.approvedRevisionId));
  if (!approved || approved.revision.storyVersion === story.version) return null;
  const changes = await compareWithWorkingCopy(db, story, approved.revision, approved.revision.storyVersion);
  return { ...changes, approvedAt: approved.revision.createdAt, approvedByName: approved.byName };
}
