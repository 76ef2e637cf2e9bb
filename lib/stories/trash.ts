import "server-only";
import { and, eq, inArray, isNotNull, lt } from "drizzle-orm";
import { getDb, tables } from "@/lib/db";
import { canTrashStory, isStoryOwner, can, type Viewer } from "@/lib/auth/policy";
import { recordAudit } from "@/lib/audit/commands";
import { NOT_FOUND, type Tx } from "./commands";

const { stories, storyBylines } = tables;

/** How long a story stays in the trash before the sweep deletes it for good. */
export const TRASH_RETENTION_DAYS = 30;

export type TrashResult = { ok: true; storyId: string } | { ok: false; kind: "forbidden" | "not_found" | "invalid"; message: string };

type StoryRow = typeof stories.$inferSelect;

/**
 * Locks the row and applies canTrashStory to it. Someone who may not even see the story learns
 * nothing about it ("not found", as for a story that does not exist).
 */
async function lockForTrash(tx: Tx, viewer: Viewer, storyId: string): Promise<{ ok: true; story: StoryRow } | Extract<TrashResult, { ok: false }>> {
  const [story] = await tx.select().from(stories).where(eq(stories.id, storyId)).for("update");
  if (!story) return { ok: false, kind: "not_found", message: NOT_FOUND };
  const bylineUserIds = (await tx.select({ userId: storyBylines.userId }).from(storyBylines).where(eq(storyBylines.storyId, story.id)))
    .map((b) => b.userId)
    .filter((id): id is string => !!id);
  const access = { authorId: story.authorId, bylineUserIds, status: story.status, everPublished: story.firstPublishedAt !== null || story.liveRevisionId !== null };
  const decision = canTrashStory(viewer, access);
  if (decision.ok) return { ok: true, story };
  const visible = isStoryOwner(viewer.id, access) || can(viewer.role, "story.read.any");
  return visible ? { ok: false, kind: "forbidden", message: decision.reason } : { ok: false, kind: "not_found", message: NOT_FOUND };
}

/** Moves a never-published story to the trash: it leaves the desk lists and cannot be edited. */
export async function moveStoryToTrash(viewer: Viewer, storyId: string, now = new Date()): Promise<TrashResult> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const locked = await lockForTrash(tx, viewer, storyId);
    if (!locked.ok) return locked;
    if (locked.story.trashedAt) return { ok: false, kind: "invalid", message: "This story is already in the trash." } as const;
    await tx.update(stories).set({ trashedAt: now, trashedBy: viewer.id }).where(eq(stories.id, storyId));
    await recordAudit({ actorId: viewer.id, action: "story.trash", targetType: "story", targetId: storyId }, tx);
    return { ok: true, storyId } as const;
  });
}

/** Takes a story out of the trash, in the state it was in when it went there. */
export async function restoreStoryFromTrash(viewer: Viewer, storyId: string): Promise<TrashResult> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const locked = await lockForTrash(tx, viewer, storyId);
    if (!locked.ok) return locked;
    if (!locked.story.trashedAt) return { ok: false, kind: "invalid", message: "This story is not in the trash." } as const;
    await tx.update(stories).set({ trashedAt: null, trashedBy: null }).where(eq(stories.id, storyId));
    await recordAudit({ actorId: viewer.id, action: "story.untrash", targetType: "story", targetId: storyId }, tx);
    return { ok: true, storyId } as const;
  });
}

/**
 * Deletes a story in the trash with its revisions, comments and bylines (they cascade). Only from
 * the trash, so a delete is always two deliberate steps.
 */
export async function deleteStoryForGood(viewer: Viewer, storyId: string): Promise<TrashResult> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const locked = await lockForTrash(tx, viewer, storyId);
    if (!locked.ok) return locked;
    if (!locked.story.trashedAt) return { ok: false, kind: "invalid", message: "Move the story to the trash before deleting it for good." } as const;
    await tx.delete(stories).where(eq(stories.id, storyId));
    await recordAudit({ actorId: viewer.id, action: "story.delete", targetType: "story", targetId: storyId, details: { headline: locked.story.headline } }, tx);
    return { ok: true, storyId } as const;
  });
}

/**
 * The sweep: deletes stories that have been in the trash longer than the retention period. Rows
 * are locked with SKIP LOCKED so instances sharing one PostgreSQL never fight over them, and a
 * story restored meanwhile (trashed_at cleared) is left alone.
 */
export async function emptyTrash(now = new Date(), retentionDays = TRASH_RETENTION_DAYS): Promise<number> {
  const cutoff = new Date(now.getTime() - retentionDays * 24 * 3600_000);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const due = await tx
      .select({ id: stories.id, headline: stories.headline })
      .from(stories)
      .where(and(isNotNull(stories.trashedAt), lt(stories.trashedAt, cutoff)))
      .limit(500)
      .for("update", { skipLocked: true });
    if (due.length === 0) return 0;
    await tx.delete(stories).where(inArray(stories.id, due.map((d) => d.id)));
    for (const story of due) {
      await recordAudit({ actorId: null, action: "story.delete", targetType: "story", targetId: story.id, details: { headline: story.headline, reason: "trash emptied" } }, tx);
    }
    return due.length;
  });
}
