/**
 * The public site's part of proxy.ts: section feed addresses, and the answers a page cannot give
 * (301, 404 with a complete body, 410; see public-router.ts). No database access in this module.
 */
import { NextResponse, type NextRequest } from "next/server";
import { getPublicRouter } from "./public-router";
import { FEED_SECTION_HEADER } from "./paths";
import { gonePageHtml, notFoundPageHtml } from "./status-pages";

const SECTION_FEED = /^\/((?:[a-z0-9]+(?:-[a-z0-9]+)*\/){0,7}[a-z0-9]+(?:-[a-z0-9]+)*)\/feed\.xml$/;

export async function answerPublicRequest(request: NextRequest): Promise<NextResponse | null> {
  const { pathname, searchParams } = request.nextUrl;
  const feed = SECTION_FEED.exec(pathname);
  if (feed) {
    // The section travels in a header: a rewritten request keeps its original URL in the handler.
    const url = request.nextUrl.clone();
    url.pathname = "/feed.xml";
    url.search = "";
    const headers = new Headers(request.headers);
    headers.set(FEED_SECTION_HEADER, feed[1]!);
    return NextResponse.rewrite(url, { request: { headers } });
  }
  const router = getPublicRouter();
  if (!router) return null;
  let answer;
  try {
    answer = await router.answer(pathname, searchParams);
  } catch {
    // The database is unreachable: let the page try (and fail) the ordinary way.
    return null;
  }
  switch (answer.status) {
    case 301:
      return NextResponse.redirect(new URL(answer.location, request.url), { status: 301, headers: { "cache-control": "public, max-age=300" } });
    case 404:
      return htmlResponse(notFoundPageHtml(router.statusFrame()), 404, request.method);
    case 410:
      return htmlResponse(gonePageHtml(router.statusFrame()), 410, request.method);
    default:
      return null;
  }
}

function htmlResponse(html: string, status: number, method: string): NextResponse {
  return new NextResponse(method === "HEAD" ? null : html, {
    status,
    headers: { "content-type": "text/html; charset=utf-8", "cache-control": "public, max-age=0, must-revalidate", "x-robots-tag": "noindex" },
  });
}
