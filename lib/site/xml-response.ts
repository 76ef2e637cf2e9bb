import { SITE_TAGS } from "./cache-tags";

// Every publish, update and withdrawal purges "feeds"; names and paths of sections and the newsroom
// appear in them too. Shared caches purge by these (lib/site/shared-cache-purge.ts).
const FEED_TAGS = [SITE_TAGS.feeds, SITE_TAGS.sections, SITE_TAGS.settings];

/** Feeds and sitemaps are read by machines that poll: let shared caches keep them a little. */
export function xmlResponse(body: string, contentType = "application/xml; charset=utf-8", status = 200): Response {
  return new Response(body, {
    status,
    headers: {
      "content-type": contentType,
      "cache-control": "public, max-age=60, stale-while-revalidate=300",
      "surrogate-key": FEED_TAGS.join(" "),
      "cache-tag": FEED_TAGS.join(","),
      "x-content-type-options": "nosniff",
    },
  });
}
