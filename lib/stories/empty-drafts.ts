import "server-only";
/**
 * "New story" makes the story row before the first key (commands.ts, createEmptyStory). Someone
 * who clicks it and walks away leaves an empty draft behind: the sweep deletes drafts that are
 * still untouched a day later. Untouched means the row was never saved (version 1, no headline)
 * and its shared document holds no text either (lib/collab keeps what was typed before the first
 * headline).
 */
import { and, eq, inArray, isNull, lt } from "drizzle-orm";
import { getDb, tables } from "@/lib/db";
import { findBlankDocuments } from "@/lib/collab/queries";
import { recordAudit } from "@/lib/audit/commands";

const { stories } = tables;

/** How long an untouched empty draft is kept. */
export const EMPTY_DRAFT_RETENTION_HOURS = 24;

export async function sweepEmptyDrafts(now = new Date(), retentionHours = EMPTY_DRAFT_RETENTION_HOURS): Promise<number> {
  const cutoff = new Date(now.getTime() - retentionHours * 3600_000);
  const db = await getDb();
  const untouched = and(
    eq(stories.status, "draft"),
    eq(stories.version, 1),
    eq(stories.headline, ""),
    isNull(stories.liveRevisionId),
    isNull(stories.firstPublishedAt),
    lt(stories.createdAt, cutoff),
  );
  const candidates = await db.select({ id: stories.id }).from(stories).where(untouched).limit(500);
  if (candidates.length === 0) return 0;
  const blank = [...(await findBlankDocuments(candidates.map((c) => c.id)))];
  if (blank.length === 0) return 0;
  return db.transaction(async (tx) => {
    // Locked and checked again: a story saved since is no longer untouched; another instance's
    // sweep skips what this one holds.
    const due = await tx
      .select({ id: stories.id })
      .from(stories)
      .where(and(untouched, inArray(stories.id, blank)))
      .for("update", { skipLocked: true });
    if (due.length === 0) return 0;
    await tx.delete(stories).where(inArray(stories.id, due.map((d) => d.id)));
    for (const story of due) {
      await recordAudit({ actorId: null, action: "story.delete", targetType: "story", targetId: story.id, details: { reason: "empty draft never written" } }, tx);
    }
    return due.length;
  });
}
