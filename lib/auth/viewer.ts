import "server-only";
import { cache } from "react";
import { cookies } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { can, type Permission } from "./policy";
import { endUserSession, startUserSession } from "@/lib/sessions/commands";
import { getRequestIp } from "./request-ip";
import { liveSessionFromCookie, viewerFromSessionCookie, type Viewer } from "./session";
import { encodeSessionCookie } from "./session-token";
import { sessionCookieName, sessionCookieOptions, shouldUseSecureCookies } from "./session-cookie";

export type { Viewer } from "./session";

/**
 * The signed-in person, re-checked against the database on every request (see checkSession in
 * session.ts). Cached per request so a page and its layout share one lookup.
 */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  const jar = await cookies();
  return viewerFromSessionCookie(jar.get(sessionCookieName(shouldUseSecureCookies()))?.value);
});

/** For pages and actions: the viewer, or off to sign in. */
export async function requireViewer(callbackPath = "/desk"): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) redirect(`/login?callbackUrl=${encodeURIComponent(callbackPath)}`);
  return viewer;
}

/**
 * For pages a role does not have: a plain 404, so the page neither breaks nor confirms what is
 * behind it. Only the page's own rendering is protected by this; its actions and commands check
 * again.
 */
export async function requirePagePermission(permission: Permission, callbackPath = "/desk"): Promise<Viewer> {
  const viewer = await requireViewer(callbackPath);
  if (!can(viewer.role, permission)) notFound();
  return viewer;
}

/** Starts a session without the sign-in form (after setup, joining or a reset); same cookie as next-auth's. */
export async function startSession(user: { id: string; name: string; email: string; sessionEpoch: number }): Promise<void> {
  const secure = shouldUseSecureCookies();
  const jar = await cookies();
  const sessionId = await startUserSession(user.id);
  jar.set(sessionCookieName(secure), await encodeSessionCookie(user, sessionId), sessionCookieOptions(secure));
}

/**
 * Signing out of this browser: ends its session on the server (so a copy of the cookie is refused
 * from now on; the person's other sessions stay signed in), then forgets the cookie, under either
 * name in case the Secure setting changed. The attributes are repeated because a browser ignores
 * a `__Secure-` cookie set without `Secure`, which would leave a plain delete() without effect in
 * production.
 */
export async function endBrowserSession(): Promise<void> {
  const jar = await cookies();
  const session = await liveSessionFromCookie(jar.get(sessionCookieName(shouldUseSecureCookies()))?.value);
  if (session) await endUserSession(session, await getRequestIp());
  for (const secure of [true, false]) {
    const { maxAge: _maxAge, ...options } = sessionCookieOptions(secure);
    void _maxAge;
    jar.delete({ name: sessionCookieName(secure), ...options });
  }
}
