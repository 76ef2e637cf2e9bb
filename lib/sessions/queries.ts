import "server-only";
import { and, eq } from "drizzle-orm";
import { getDb, tables } from "@/lib/db";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether this session of this person has not been signed out of. */
export async function isUserSessionLive(sessionId: string, userId: string): Promise<boolean> {
  if (!UUID.test(sessionId) || !UUID.test(userId)) return false;
  const db = await getDb();
  const [row] = await db
    .select({ id: tables.userSessions.id })
    .from(tables.userSessions)
    .where(and(eq(tables.userSessions.id, sessionId), eq(tables.userSessions.userId, userId)));
  return row !== undefined;
}
