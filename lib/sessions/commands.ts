import "server-only";
import { and, eq, lt } from "drizzle-orm";
import { recordAudit } from "@/lib/audit/commands";
import { getDb, tables } from "@/lib/db";

/** How long a session row is kept at most: the absolute session limit (see session-cookie.ts). */
const SESSION_ROW_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * A new signed-in browser for this person; the returned id goes into the session cookie. The
 * person's rows past the absolute limit are cleared on the way, so the table stays the size of
 * the sessions that can still be alive.
 */
export async function startUserSession(userId: string, now = new Date()): Promise<string> {
  const db = await getDb();
  await db
    .delete(tables.userSessions)
    .where(and(eq(tables.userSessions.userId, userId), lt(tables.userSessions.createdAt, new Date(now.getTime() - SESSION_ROW_LIFETIME_MS))));
  const [row] = await db.insert(tables.userSessions).values({ userId, createdAt: now }).returning({ id: tables.userSessions.id });
  return row!.id;
}

/**
 * Signing out: ends exactly this session, so a copy of its cookie is refused from the next request
 * on while the person's other browsers stay signed in. The row must belong to the person the
 * cookie names, so one session cannot end another's. Records "auth.sign_out" when it ended one.
 */
export async function endUserSession(session: { sessionId: string; userId: string }, ip: string | null): Promise<boolean> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const ended = await tx
      .delete(tables.userSessions)
      .where(and(eq(tables.userSessions.id, session.sessionId), eq(tables.userSessions.userId, session.userId)))
      .returning({ id: tables.userSessions.id });
    if (ended.length === 0) return false;
    await recordAudit({ actorId: session.userId, action: "auth.sign_out", targetType: "user", targetId: session.userId, ip }, tx);
    return true;
  });
}
