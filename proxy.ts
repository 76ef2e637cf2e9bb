import { NextResponse, type NextRequest } from "next/server";
import { refreshSessionCookie } from "@/lib/auth/session-token";
import { SECURE_SESSION_COOKIE, SESSION_COOKIE, sessionCookieName, sessionCookieOptions, shouldUseSecureCookies } from "@/lib/auth/session-cookie";
import { answerPublicRequest } from "@/lib/site/public-proxy";

export async function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  if (pathname === "/desk" || pathname.startsWith("/desk/")) return deskProxy(request);
  // Public site: 301 for old story addresses, 404 and 410 with a real body, section feed rewrites.
  return (await answerPublicRequest(request)) ?? NextResponse.next();
}

/**
 * Two jobs, neither of them a guard (every page, action and route handler checks the viewer and
 * the permission on the server): send people with no session cookie at all to sign in early, and
 * keep the idle timer of someone using the desk running by re-issuing their cookie with a new
 * 12-hour expiry (same signedInAt, so the 7-day limit still counts from signing in).
 */
async function deskProxy(request: NextRequest) {
  const hasSession = request.cookies.has(SESSION_COOKIE) || request.cookies.has(SECURE_SESSION_COOKIE);
  if (!hasSession) {
    const login = new URL("/login", request.url);
    login.searchParams.set("callbackUrl", `${request.nextUrl.pathname}${request.nextUrl.search}`);
    return NextResponse.redirect(login);
  }
  const response = NextResponse.next();
  const secure = shouldUseSecureCookies();
  const name = sessionCookieName(secure);
  const current = request.cookies.get(name)?.value;
  const refreshed = current ? await refreshSessionCookie(current).catch(() => null) : null;
  if (refreshed) response.cookies.set(name, refreshed, sessionCookieOptions(secure));
  return response;
}

// Everything but Next's own assets, API routes and media files; "/" (home) needs nothing here.
export const config = { matcher: ["/desk", "/desk/:path*", "/((?!_next/|api/|media/).+)"] };
