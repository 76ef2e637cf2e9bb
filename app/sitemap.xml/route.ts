import { getPublishedCount, SITEMAP_CHUNK } from "@/lib/site/data";
import { buildSitemapIndex } from "@/lib/site/feeds";
import { siteOrigin } from "@/lib/site/origin";
import { xmlResponse } from "@/lib/site/xml-response";
import { connection } from "next/server";

/**
 * A sitemap index: one sitemap for home and sections, then the stories (if any) in chunks well under the
 * protocol's 50,000-URL limit, newest first.
 */
export async function GET(): Promise<Response> {
  // Per request (from cached data): never evaluated, nor the database read, at build time.
  await connection();
  const count = await getPublishedCount();
  // No story chunk while nothing is published (sections.xml keeps the index non-empty).
  const chunks = Math.ceil(count / SITEMAP_CHUNK);
  const paths = ["/sitemaps/sections.xml", ...Array.from({ length: chunks }, (_, i) => `/sitemaps/stories-${i + 1}.xml`)];
  return xmlResponse(buildSitemapIndex(siteOrigin(), paths));
}
