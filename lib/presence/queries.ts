import "server-only";
import { and, asc, eq, gte, ne } from "drizzle-orm";
import { getDb, tables } from "@/lib/db";
import { canViewStory, type Viewer } from "@/lib/auth/policy";
import { isUuid, loadStoryAccess } from "@/lib/stories/queries";

const { storyPresence, users } = tables;

/**
 * How long a heartbeat counts as "still here". Editors beat every 10 s; twice that tolerates one
 * lost or slow beat without the name flickering away.
 */
export const PRESENCE_WINDOW_MS = 20_000;

export type PresentPerson = {
  userId: string;
  name: string;
  /** The viewer themselves in another tab or window: still a second writer. */
  isViewer: boolean;
};

/**
 * Who else has the story open, one entry per tab (excluding the asking tab), most recent first
 * within each person. Null when the story does not exist or the viewer may not see it.
 */
export async function listStoryPresence(
  viewer: Viewer,
  storyId: string,
  options: { exceptClientId: string; now?: Date },
): Promise<PresentPerson[] | null> {
  const access = isUuid(storyId) ? await loadStoryAccess(storyId) : null;
  if (!access || !canViewStory(viewer, access).ok) return null;
  const since = new Date((options.now ?? new Date()).getTime() - PRESENCE_WINDOW_MS);
  const db = await getDb();
  const rows = await db
    .select({ userId: storyPresence.userId, name: users.name })
    .from(storyPresence)
    .innerJoin(users, eq(users.id, storyPresence.userId))
    .where(and(eq(storyPresence.storyId, storyId), ne(storyPresence.clientId, options.exceptClientId), gte(storyPresence.lastSeenAt, since)))
    .orderBy(asc(users.name), asc(storyPresence.clientId));
  return rows.map((r) => ({ userId: r.userId, name: r.name, isViewer: r.userId === viewer.id }));
}
