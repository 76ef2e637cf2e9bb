import "server-only";
import { asc, eq } from "drizzle-orm";
import { getDb, tables } from "@/lib/db";
import { canReadStoryWorkingCopy, type Viewer } from "@/lib/auth/policy";
import { loadStoryAccess } from "@/lib/stories/queries";

export type CommentItem = { id: string; kind: "comment" | "send_back"; body: string; authorName: string | null; createdAt: Date };

/**
 * The editorial thread of a story: for people who may read its working copy (its reporters and
 * editors), never for other reporters nor the public.
 */
export async function listComments(viewer: Viewer, storyId: string): Promise<CommentItem[] | null> {
  const access = await loadStoryAccess(storyId);
  if (!access || !canReadStoryWorkingCopy(viewer, access).ok) return null;
  const db = await getDb();
  return db
    .select({ id: tables.comments.id, kind: tables.comments.kind, body: tables.comments.body, authorName: tables.users.name, createdAt: tables.comments.createdAt })
    .from(tables.comments)
    .leftJoin(tables.users, eq(tables.users.id, tables.comments.authorId))
    .where(eq(tables.comments.storyId, storyId))
    .orderBy(asc(tables.comments.createdAt));
}
