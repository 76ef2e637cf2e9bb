/**
 * Names the page's cache tags for the production server, which cuts this element out of the stored
 * page and sends the tags as `Surrogate-Key` and `Cache-Tag` headers instead (scripts/front-cache.mjs).
 */
export function CacheTagsMarker({ tags }: { tags: readonly string[] }) {
  return <meta name="dateline-cache-tags" content={tags.join(" ")} />;
}
