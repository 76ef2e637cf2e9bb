import "server-only";
import { and, eq, inArray, isNull, ne } from "drizzle-orm";
import { getDb, tables } from "@/lib/db";
import type { Tx } from "@/lib/stories/commands";

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
