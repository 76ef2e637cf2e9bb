import { getNewsSitemapEntries } from "@/lib/site/data";
import { buildNewsSitemap } from "@/lib/site/feeds";
import { siteOrigin } from "@/lib/site/origin";
import { loadSiteFrame } from "@/lib/site/public-page";
import { xmlResponse } from "@/lib/site/xml-response";
import { connection } from "next/server";

/** Google News sitemap: stories first published in the last 48 hours. */
export async function GET(): Promise<Response> {
  // Per request (from cached data): never evaluated, nor the database read, at build time.
  await connection();
  const [{ settings }, entries] = await Promise.all([loadSiteFrame(), getNewsSitemapEntries()]);
  return xmlResponse(buildNewsSitemap(siteOrigin(), settings.name, entries));
}
