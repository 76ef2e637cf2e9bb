import "server-only";
import { and, count, desc, eq, isNull } from "drizzle-orm";
import { getDb, tables } from "@/lib/db";

export type NotificationItem = { id: string; kind: string; storyId: string | null; message: string; createdAt: Date; read: boolean };

export async function listNotifications(viewerId: string, limit = 30): Promise<NotificationItem[]> {
  const db = await getDb();
  const rows = await db
    .select()
    .from(tables.notifications)
    .where(eq(tables.notifications.userId, viewerId))
    .orderBy(desc(tables.notifications.createdAt))
    .limit(limit);
  return rows.map((r) => ({ id: r.id, kind: r.kind, storyId: r.storyId, message: r.message, createdAt: r.createdAt, read: r.readAt !== null }));
}

export async function countUnreadNotifications(viewerId: string): Promise<number> {
  const db = await getDb();
  const [row] = await db
    .select({ n: count() })
    .from(tables.notifications)
    .where(and(eq(tables.notifications.userId, viewerId), isNull(tables.notifications.readAt)));
  return row?.n ?? 0;
}
