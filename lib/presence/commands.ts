import "server-only";
import { and, eq, lt } from "drizzle-orm";
import { getDb, tables } from "@/lib/db";
import { canViewStory, type Viewer } from "@/lib/auth/policy";
import { isUuid, loadStoryAccess } from "@/lib/stories/queries";

const { storyPresence } = tables;

/** Rows this old are certainly stale; pruning them keeps the table the size of the open tabs. */
const PRUNE_AFTER_MS = 60 * 60_000;

export type PresenceResult = { ok: true } | { ok: false; kind: "not_found"; message: string };

const NOT_FOUND = "This story does not exist or you cannot open it.";

/**
 * A heartbeat from one tab (`clientId` is per tab, so two tabs of one person are two writers).
 * Only people who may see the story can announce themselves on it.
 */
export async function recordPresence(
  viewer: Viewer,
  input: { storyId: string; clientId: string },
  now = new Date(),
): Promise<PresenceResult> {
  const access = isUuid(input.storyId) ? await loadStoryAccess(input.storyId) : null;
  if (!access || !canViewStory(viewer, access).ok) return { ok: false, kind: "not_found", message: NOT_FOUND };
  const db = await getDb();
  await db
    .insert(storyPresence)
    .values({ storyId: input.storyId, clientId: input.clientId, userId: viewer.id, lastSeenAt: now })
    .onConflictDoUpdate({
      target: [storyPresence.storyId, storyPresence.clientId],
      set: { lastSeenAt: now },
      // A client id is random per tab; one that belongs to someone else is never taken over.
      setWhere: eq(storyPresence.userId, viewer.id),
    });
  // Cheap enough to do on every beat, and it means no separate cleanup job.
  await db.delete(storyPresence).where(and(eq(storyPresence.storyId, input.storyId), lt(storyPresence.lastSeenAt, new Date(now.getTime() - PRUNE_AFTER_MS))));
  return { ok: true };
}

/** The tab is closing: stop showing it at once rather than after the presence window. */
export async function leavePresence(viewer: Viewer, input: { storyId: string; clientId: string }): Promise<void> {
  if (!isUuid(input.storyId)) return;
  const db = await getDb();
  await db
    .delete(storyPresence)
    .where(and(eq(storyPresence.storyId, input.storyId), eq(storyPresence.clientId, input.clientId), eq(storyPresence.userId, viewer.id)));
}
