import "server-only";
import { and, asc, count, desc, eq, gte, isNotNull, isNull, or, sql } from "drizzle-orm";
import { getDb, tables } from "@/lib/db";
import { can, type Viewer } from "@/lib/auth/policy";

const { stories, users, sections, auditEvents } = tables;

export type ReviewQueueItem = {
  id: string;
  /** A proposed update to a live story rather than a new story. */
  isUpdate: boolean;
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
  const submittedAt = sql<Date>`coalesce(${stories.updateProposedAt}, (select max(${auditEvents.at}) from ${auditEvents}
      where ${auditEvents.targetType} = 'story' and ${auditEvents.targetId} = ${stories.id}::text
      and ${auditEvents.action} = 'story.transition' and ${auditEvents.details}->>'to' = 'in_review'), ${stories.updatedAt})`;
  const rows = await db
    .select({
      id: stories.id,
      isUpdate: sql<boolean>`${stories.status} = 'published'`,
      headline: stories.headline,
      reporterName: users.name,
      sectionName: sections.name,
      wordCount: stories.wordCount,
      submittedAt,
    })
    .from(stories)
    .innerJoin(users, eq(users.id, stories.authorId))
    .leftJoin(sections, eq(sections.id, stories.sectionId))
    .where(and(isNull(stories.trashedAt), or(eq(stories.status, "in_review"), and(eq(stories.status, "published"), isNotNull(stories.updateProposedAt)))))
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
    .where(and(isNull(stories.trashedAt), or(eq(stories.status, "in_review"), and(eq(stories.status, "published"), isNotNull(stories.updateProposedAt)))));
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
