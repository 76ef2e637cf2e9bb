import { buildRobotsTxt } from "@/lib/site/feeds";
import { siteOrigin } from "@/lib/site/origin";
import { connection } from "next/server";

/** A route handler rather than app/robots.ts: the sitemap URLs need the runtime public origin. */
export async function GET(): Promise<Response> {
  // Per request (from cached data): never evaluated, nor the database read, at build time.
  await connection();
  return new Response(buildRobotsTxt(siteOrigin()), { headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "public, max-age=3600" } });
}
