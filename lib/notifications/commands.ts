import "server-only";
import { and, eq, gt, inArray, isNull, ne } from "drizzle-orm";
import { getDb, tables } from "@/lib/db";
import type { Tx } from "@/lib/stories/commands";
import type { SendEmail } from "./mailer";

export type NotificationKind = "submitted" | "sent_back" | "approved" | "published" | "scheduled" | "comment" | "unpublished";

/** Adds one notification per recipient, inside the caller's transaction, skipping the actor. */
export async function notifyUsers(
  tx: Tx,
  recipients: Iterable<string>,
  actorId: string | null,
  note: { kind: NotificationKind; storyId: string; message: string },
): Promise<void> {
  const ids = [...new Set(recipients)].filter((id) => id !== actorId);
  if (ids.length === 0) return;
  await tx.insert(tables.notifications).values(ids.map((userId) => ({ userId, ...note })));
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
      .select({ id: n.id, message: n.message, storyId: n.storyId, email: tables.users.email, name: tables.users.name })
      .from(n)
      .innerJoin(tables.users, eq(tables.users.id, n.userId))
      .where(and(isNull(n.emailedAt), gt(n.createdAt, since), eq(tables.users.active, true)))
      .orderBy(n.createdAt)
      .limit(limit)
      .for("update", { of: n, skipLocked: true });
    if (rows.length) await tx.update(n).set({ emailedAt: now }).where(inArray(n.id, rows.map((r) => r.id)));
    return rows;
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
