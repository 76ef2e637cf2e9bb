/**
 * The session JWT itself: what it carries, encoding, decoding and refreshing. No database here,
 * so proxy.ts can use it; checking a token against the users table is session.ts's job.
 */
import "server-only";
import { decode, encode } from "next-auth/jwt";
import { getAuthSecret } from "./secret";
import { SESSION_ABSOLUTE_SECONDS, SESSION_IDLE_SECONDS, SESSION_REFRESH_AFTER_SECONDS } from "./session-cookie";

/**
 * What we put in the session JWT; next-auth adds iat, exp and jti. `sid` names the session's row in
 * user_sessions (signing out deletes it); `epoch` must match the user's session_epoch (bumping it
 * ends all of their sessions at once).
 */
export type SessionClaims = { uid: string; sid: string; epoch: number; signedInAt: number };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function toSeconds(ms: number): number {
  return Math.floor(ms / 1000);
}

/** The claims we rely on, or null when any is missing or malformed. */
export function readSessionClaims(token: unknown): (SessionClaims & { iat?: number; exp?: number }) | null {
  if (!token || typeof token !== "object") return null;
  const t = token as Record<string, unknown>;
  if (typeof t.uid !== "string" || !UUID.test(t.uid)) return null;
  // A token without a session id predates per-session sign-out and cannot be ended alone: refused.
  if (typeof t.sid !== "string" || !UUID.test(t.sid)) return null;
  if (typeof t.epoch !== "number" || !Number.isInteger(t.epoch)) return null;
  if (typeof t.signedInAt !== "number" || !Number.isFinite(t.signedInAt)) return null;
  return {
    uid: t.uid,
    sid: t.sid,
    epoch: t.epoch,
    signedInAt: t.signedInAt,
    iat: typeof t.iat === "number" ? t.iat : undefined,
    exp: typeof t.exp === "number" ? t.exp : undefined,
  };
}

/**
 * The time limits alone: the idle expiry (exp) and the absolute limit counted from signedInAt.
 * decode() checks exp too; checking it here as well keeps the rule in one readable place.
 */
export function isWithinSessionLimits(claims: { exp?: number; signedInAt: number }, now = Date.now()): boolean {
  const seconds = toSeconds(now);
  if (claims.exp === undefined || claims.exp <= seconds) return false;
  if (claims.signedInAt + SESSION_ABSOLUTE_SECONDS <= seconds) return false;
  // A sign-in time in the future is no sign-in we issued.
  return claims.signedInAt <= seconds + 60;
}

export async function decodeSessionCookie(value: string): Promise<Record<string, unknown> | null> {
  if (!value) return null;
  return ((await decode({ token: value, secret: getAuthSecret() }).catch(() => null)) ?? null) as Record<string, unknown> | null;
}

/** A fresh cookie value for a session of this user (its row made by startUserSession). */
export async function encodeSessionCookie(
  user: { id: string; name: string; email: string; sessionEpoch: number },
  sessionId: string,
  now = Date.now(),
): Promise<string> {
  const token = { name: user.name, email: user.email, sub: user.id, uid: user.id, sid: sessionId, epoch: user.sessionEpoch, signedInAt: toSeconds(now) };
  return encode({ token, secret: getAuthSecret(), maxAge: SESSION_IDLE_SECONDS });
}

/**
 * Restarts the idle timer: the same claims (and so the same signedInAt, which the absolute limit
 * counts from) with a new 12-hour expiry. Null when there is nothing to refresh yet, or nothing
 * that may be refreshed (undecodable, idle-expired or past the absolute limit). It does not look
 * at the database: a revoked session refreshed here is still refused by checkSession.
 */
export async function refreshSessionCookie(value: string, now = Date.now()): Promise<string | null> {
  const token = await decodeSessionCookie(value);
  const claims = readSessionClaims(token);
  if (!token || !claims || claims.iat === undefined || !isWithinSessionLimits(claims, now)) return null;
  if (toSeconds(now) - claims.iat < SESSION_REFRESH_AFTER_SECONDS) return null;
  const { iat: _iat, exp: _exp, jti: _jti, ...rest } = token;
  void _iat;
  void _exp;
  void _jti;
  return encode({ token: rest, secret: getAuthSecret(), maxAge: SESSION_IDLE_SECONDS });
}
