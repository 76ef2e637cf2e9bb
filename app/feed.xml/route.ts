import { getFeedItems, getSiteSections } from "@/lib/site/data";
import { buildRssFeed } from "@/lib/site/feeds";
import { siteOrigin } from "@/lib/site/origin";
import { loadSiteFrame } from "@/lib/site/public-page";
import { FEED_SECTION_HEADER } from "@/lib/site/paths";
import { xmlResponse } from "@/lib/site/xml-response";
import { connection } from "next/server";

/**
 * RSS 2.0 for the whole site, or for one section with ?section=<path> (the proxy also rewrites
 * /<section path>/feed.xml here, naming the section in a header). Rendered per request from
 * cached data: no database query once the data is cached, and nothing to prerender at build time.
 */
export async function GET(request: Request): Promise<Response> {
  // Per request (from cached data): never evaluated, nor the database read, at build time.
  await connection();
  const sectionPath = new URL(request.url).searchParams.get("section") ?? request.headers.get(FEED_SECTION_HEADER);
  const { settings } = await loadSiteFrame();
  const origin = siteOrigin();
  if (sectionPath !== null) {
    const section = (await getSiteSections()).find((s) => s.path === sectionPath);
    if (!section) return xmlResponse(`<?xml version="1.0" encoding="UTF-8"?>\n<error>No such section</error>\n`, "application/xml; charset=utf-8", 404);
    const items = await getFeedItems(section.id);
    return xmlResponse(
      buildRssFeed(
        { title: `${section.name} · ${settings.name}`, description: section.description || `${section.name}: the latest from ${settings.name}.`, selfPath: `/${section.path}/feed.xml`, linkPath: `/${section.path}`, language: settings.defaultLanguage, origin },
        items,
      ),
      "application/rss+xml; charset=utf-8",
    );
  }
  const items = await getFeedItems(null);
  return xmlResponse(
    buildRssFeed({ title: settings.name, description: `News from ${settings.name}.`, selfPath: "/feed.xml", linkPath: "/", language: settings.defaultLanguage, origin }, items),
    "application/rss+xml; charset=utf-8",
  );
}
