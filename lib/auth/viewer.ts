import "server-only";
import { cache } from "react";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { decode, encode, type JWT } from "next-auth/jwt";
import { findUserById } from "@/lib/people/queries";
import type { Role } from "./policy";
import { shouldUseSecureCookies } from "./options";
import { getAuthSecret } from "./secret";
import { sessionCookieName, SESSION_ABSOLUTE_SECONDS, SESSION_IDLE_SECONDS } from "./session-cookie";

export type Viewer = { id: string; name: string; email: string; slug: string; role: Role };

type SessionToken = JWT & { uid?: string; epoch?: number; signedInAt?: number };

/**
 * The signed-in person, re-checked against the database on every request: a deactivated account,
 * a changed role, a reset password or "sign out everywhere" (all bump session_epoch) ends the
 * session at once, even for a copied cookie.
 */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  const jar = await cookies();
  const raw = jar.get(sessionCookieName(shouldUseSecureCookies()))?.value;
  if (!raw) return null;
  const token = (await decode({ token: raw, secret: getAuthSecret() }).catch(() => null)) as SessionToken | null;
  if (!token?.uid || typeof token.epoch !== "number" || typeof token.signedInAt !== "number") return null;
  if (token.signedInAt + SESSION_ABSOLUTE_SECONDS < Date.now() / 1000) return null;
  const user = await findUserById(token.uid);
  if (!user || !user.active || user.sessionEpoch !== token.epoch) return null;
  return { id: user.id, name: user.name, email: user.email, slug: user.slug, role: user.role };
});

/** For pages and actions: the viewer, or off to sign in. */
export async function requireViewer(callbackPath = "/desk"): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) redirect(`/login?callbackUrl=${encodeURIComponent(callbackPath)}`);
  return viewer;
}

/** Starts a session without the sign-in form (after setup or joining); same cookie as next-auth's. */
export async function startSession(user: { id: string; name: string; email: string; sessionEpoch: number }): Promise<void> {
  const secure = shouldUseSecureCookies();
  const token: SessionToken = {
    name: user.name,
    email: user.email,
    sub: user.id,
    uid: user.id,
    epoch: user.sessionEpoch,
    signedInAt: Math.floor(Date.now() / 1000),
  };
  const value = await encode({ token, secret: getAuthSecret(), maxAge: SESSION_IDLE_SECONDS });
  const jar = await cookies();
  jar.set(sessionCookieName(secure), value, { httpOnly: true, sameSite: "lax", path: "/", secure, maxAge: SESSION_IDLE_SECONDS });
}
