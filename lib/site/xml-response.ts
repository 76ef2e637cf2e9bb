/** Feeds and sitemaps are read by machines that poll: let shared caches keep them a little. */
export function xmlResponse(body: string, contentType = "application/xml; charset=utf-8", status = 200): Response {
  return new Response(body, {
    status,
    headers: { "content-type": contentType, "cache-control": "public, max-age=60, stale-while-revalidate=300", "x-content-type-options": "nosniff" },
  });
}
