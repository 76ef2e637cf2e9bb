import "server-only";
import { and, eq, gt, inArray, isNull, ne } from "drizzle-orm";
import { getDb, tables } from "@/lib/db";
import { canReadStoryWorkingCopy, canViewStory, type Viewer } from "@/lib/auth/policy";
import type { Tx } from "@/lib/stories/commands";
import { loadStoryAudience, type StoryAudience } from "@/lib/stories/queries";
import type { SendEmail } from "./mailer";

export type NotificationKind = "submitted" | "sent_back" | "approved" | "published" | "scheduled" | "comment" | "unpublished";

/** What a note is about, which decides who may still receive it. */
export type NoteSubject = "story" | "thread";

const SUBJECT_OF: Record<NotificationKind, NoteSubject> = {
  submitted: "story",
  sent_back: "story",
  approved: "story",
  published: "story",
  scheduled: "story",
  unpublished: "story",
  // A comment belongs to the thread, which only those who may read the working copy see.
  comment: "thread",
};

/**
 * The headline this person may read in a note about the story now, or null when the note is not
 * for them: the working headline for those who may read the working copy, the live one for those
 * who see only what readers see (and only for notes about the story, not its thread).
 */
export function headlineFor(viewer: Viewer, audience: StoryAudience, subject: NoteSubject): string | null {
  if (canReadStoryWorkingCopy(viewer, audience.access).ok) return audience.workingHeadline;
  if (subject === "story" && audience.liveHeadline !== null && canViewStory(viewer, audience.access).ok) return audience.liveHeadline;
  return null;
}

/**
 * Adds one notification per recipient, inside the caller's transaction, skipping the actor and
 * anyone who may not see the story (or its thread) now; each message names the story by the
 * headline that recipient may see. Deactivated people get nothing.
 */
export async function notifyAboutStory(
  tx: Tx,
  recipients: Iterable<string | null>,
  actorId: string | null,
  note: { kind: NotificationKind; storyId: string; message: (headline: string) => string },
): Promise<void> {
  const ids = [...new Set(recipients)].filter((id): id is string => !!id && id !== actorId);
  if (ids.length === 0) return;
  const audience = await loadStoryAudience(tx, note.storyId);
  if (!audience) return;
  const people = await tx
    .select({ id: tables.users.id, role: tables.users.role })
    .from(tables.users)
    .where(and(inArray(tables.users.id, ids), eq(tables.users.active, true)));
  const rows = people.flatMap((person) => {
    const headline = headlineFor(person, audience, SUBJECT_OF[note.kind]);
    return headline === null ? [] : [{ userId: person.id, kind: note.kind, storyId: note.storyId, message: note.message(headline) }];
  });
  if (rows.length > 0) await tx.insert(tables.notifications).values(rows);
}

/** Every active editor and admin: who hears about a story waiting for review. */
export async function listEditorIds(tx: Tx): Promise<string[]> {
  const rows = await tx
    .select({ id: tables.users.id })
    .from(tables.users)
    .where(and(eq(tables.users.active, true), ne(tables.users.role, "reporter")));
  return rows.map((r) => r.id);
}

/** Marks the viewer's own notifications read; another person's ids simply match nothing. */
export async function markNotificationsRead(viewerId: string, ids: string[] | "all"): Promise<void> {
  const db = await getDb();
  const mine = and(eq(tables.notifications.userId, viewerId), isNull(tables.notifications.readAt));
  await db
    .update(tables.notifications)
    .set({ readAt: new Date() })
    .where(ids === "all" ? mine : and(mine, inArray(tables.notifications.id, ids.length ? ids : ["00000000-0000-0000-0000-000000000000"])));
}

/**
 * Emails notifications not yet emailed (the last day's), oldest first, a batch at a time. A batch is
 * claimed first in a short transaction (SKIP LOCKED, so two instances never send the same one; no
 * lock is held while talking to the mail server, which on the embedded database would stall every
 * other query). Whatever could not be sent is released for the next pass.
 */
export async function emailPendingNotifications(send: SendEmail, publicUrl: string | undefined, now = new Date(), limit = 50): Promise<number> {
  const db = await getDb();
  const n = tables.notifications;
  const since = new Date(now.getTime() - 24 * 3600_000);
  const claimed = await db.transaction(async (tx) => {
    const rows = await tx
      .select({ id: n.id, kind: n.kind, message: n.message, storyId: n.storyId, userId: n.userId, role: tables.users.role, email: tables.users.email, name: tables.users.name })
      .from(n)
      .innerJoin(tables.users, eq(tables.users.id, n.userId))
      .where(and(isNull(n.emailedAt), gt(n.createdAt, since), eq(tables.users.active, true)))
      .orderBy(n.createdAt)
      .limit(limit)
      .for("update", { of: n, skipLocked: true });
    if (rows.length) await tx.update(n).set({ emailedAt: now }).where(inArray(n.id, rows.map((r) => r.id)));
    // A note waits up to a sweep (or longer, after a refused send): a story unpublished or a thread
    // closed to someone in the meantime is no longer theirs to hear about. Such notes stay claimed
    // and are never sent.
    const audiences = new Map<string, StoryAudience | null>();
    const stillVisible = [];
    for (const row of rows) {
      if (row.storyId) {
        if (!audiences.has(row.storyId)) audiences.set(row.storyId, await loadStoryAudience(tx, row.storyId));
        const audience = audiences.get(row.storyId);
        const subject = SUBJECT_OF[row.kind as NotificationKind] ?? "thread";
        if (!audience || headlineFor({ id: row.userId, role: row.role }, audience, subject) === null) continue;
      }
      stillVisible.push(row);
    }
    return stillVisible;
  });
  let sent = 0;
  for (const row of claimed) {
    const link = row.storyId && publicUrl ? `\n\n${new URL(`/desk/stories/${row.storyId}`, publicUrl).toString()}` : "";
    try {
      await send({ to: row.email, subject: row.message.length > 120 ? `${row.message.slice(0, 117)}…` : row.message, text: `Hello ${row.name},\n\n${row.message}${link}\n\n— Dateline` });
      sent++;
    } catch {
      // The mail server is down or refused: release this and the rest for the next pass.
      await db.update(n).set({ emailedAt: null }).where(inArray(n.id, claimed.slice(sent).map((r) => r.id)));
      break;
    }
  }
  return sent;
}
