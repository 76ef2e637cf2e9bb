import "server-only";
import { eq } from "drizzle-orm";
import { getDb, tables } from "@/lib/db";
import { can, canCommentOnStory, type Viewer } from "@/lib/auth/policy";
import { notifyAboutStory } from "@/lib/notifications/commands";

export const COMMENT_MAX = 5000;

export type CommentResult = { ok: true; id: string } | { ok: false; message: string };

export async function addComment(viewer: Viewer, input: { storyId: string; body: string }): Promise<CommentResult> {
  const body = input.body.trim();
  if (!body) return { ok: false, message: "Write something before sending the comment." };
  if (body.length > COMMENT_MAX) return { ok: false, message: `Keep comments under ${COMMENT_MAX.toLocaleString("en")} characters.` };
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [story] = await tx.select({ id: tables.stories.id, authorId: tables.stories.authorId, status: tables.stories.status, headline: tables.stories.headline }).from(tables.stories).where(eq(tables.stories.id, input.storyId)).for("update");
    const bylines = story ? await tx.select({ userId: tables.storyBylines.userId }).from(tables.storyBylines).where(eq(tables.storyBylines.storyId, story.id)) : [];
    const bylineUserIds = bylines.map((b) => b.userId).filter((id): id is string => !!id);
    // The thread belongs to the working copy: only people who may read it may add to it.
    const allowed = story ? canCommentOnStory(viewer, { authorId: story.authorId, bylineUserIds, status: story.status }) : null;
    if (!story || !allowed?.ok || !can(viewer.role, "comment.create")) return { ok: false, message: "This story does not exist or you cannot comment on it." } as const;
    const [row] = await tx.insert(tables.comments).values({ storyId: story.id, authorId: viewer.id, body }).returning({ id: tables.comments.id });
    const earlier = await tx.select({ authorId: tables.comments.authorId }).from(tables.comments).where(eq(tables.comments.storyId, story.id));
    const everyone = [story.authorId, ...bylineUserIds, ...earlier.map((c) => c.authorId)];
    // Earlier commenters may have lost sight of the story since (unpublished, or never theirs to
    // follow): notifyAboutStory keeps only those who may read the thread now.
    await notifyAboutStory(tx, everyone, viewer.id, { kind: "comment", storyId: story.id, message: (headline) => `New comment on “${headline}”.` });
    return { ok: true, id: row!.id } as const;
  });
}
