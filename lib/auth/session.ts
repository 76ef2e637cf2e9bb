import "server-only";
import { findUserById } from "@/lib/people/queries";
import { isUserSessionLive } from "@/lib/sessions/queries";
import type { Role } from "./policy";
import { decodeSessionCookie, isWithinSessionLimits, readSessionClaims } from "./session-token";

export type Viewer = { id: string; name: string; email: string; slug: string; role: Role };

/**
 * The whole session check for an already-decoded token: the idle expiry, the absolute limit and
 * the database rows. Every request goes through this, so a deactivated account, a bumped
 * session_epoch (role change, password reset, "sign out everywhere") or a signed-out session (its
 * user_sessions row gone) ends the session on the very next request, even for a copied cookie.
 * The role always comes from the row, never the token.
 */
export async function checkSession(token: unknown, now = Date.now()): Promise<Viewer | null> {
  const claims = readSessionClaims(token);
  if (!claims || !isWithinSessionLimits(claims, now)) return null;
  const [user, live] = await Promise.all([findUserById(claims.uid), isUserSessionLive(claims.sid, claims.uid)]);
  if (!user || !user.active || user.sessionEpoch !== claims.epoch || !live) return null;
  return { id: user.id, name: user.name, email: user.email, slug: user.slug, role: user.role };
}

/** The viewer a session cookie's value stands for right now, or null. */
export async function viewerFromSessionCookie(value: string | undefined, now = Date.now()): Promise<Viewer | null> {
  if (!value) return null;
  return checkSession(await decodeSessionCookie(value), now);
}

/** The session a cookie names (person and session id), if it is live right now; for signing out. */
export async function liveSessionFromCookie(value: string | undefined, now = Date.now()): Promise<{ userId: string; sessionId: string } | null> {
  if (!value) return null;
  const token = await decodeSessionCookie(value);
  const claims = readSessionClaims(token);
  if (!claims || !(await checkSession(token, now))) return null;
  return { userId: claims.uid, sessionId: claims.sid };
}
