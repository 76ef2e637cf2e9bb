import { NextResponse, type NextRequest } from "next/server";
import { SECURE_SESSION_COOKIE, SESSION_COOKIE } from "@/lib/auth/session-cookie";
import { answerPublicRequest } from "@/lib/site/public-proxy";

export async function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  if (pathname === "/desk" || pathname.startsWith("/desk/")) return redirectSignedOut(request);
  // Public site: 301 for old story addresses, 404 and 410 with a real body, section feed rewrites.
  return (await answerPublicRequest(request)) ?? NextResponse.next();
}

/**
 * Only an early redirect for people with no session cookie at all. It is never the guard: every
 * page, action and route handler checks the viewer and the permission on the server.
 */
function redirectSignedOut(request: NextRequest) {
  const hasSession = request.cookies.has(SESSION_COOKIE) || request.cookies.has(SECURE_SESSION_COOKIE);
  if (!hasSession) {
    const login = new URL("/login", request.url);
    login.searchParams.set("callbackUrl", `${request.nextUrl.pathname}${request.nextUrl.search}`);
    return NextResponse.redirect(login);
  }
  return NextResponse.next();
}

// Everything but Next's own assets, API routes and media files; "/" (home) needs nothing here.
export const config = { matcher: ["/desk", "/desk/:path*", "/((?!_next/|api/|media/).+)"] };
