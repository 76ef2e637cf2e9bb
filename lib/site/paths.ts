/**
 * Public URL shapes. Pure: shared by pages, feeds, sitemaps, the proxy and tests.
 *
 *   /                              home
 *   /{section path}                section page (nested: /media-center/coalition-news)
 *   /{section path}/page/{n}       older stories of a section, n >= 2
 *   /{section path}/{slug}         article
 *   /{section path}/feed.xml       section feed (rewritten to /feed.xml?section=…)
 *
 * Anything that cannot be one of these (upper case, dots, too deep, too long) is refused before it
 * reaches the database or the cache, so junk URLs cost nothing and are not stored.
 */

const SEGMENT = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const MAX_SEGMENTS = 8;
const MAX_SEGMENT_LENGTH = 100;
/** Page numbers beyond this are refused outright: no section is that deep, and OFFSET is not free. */
export const MAX_PAGE = 5000;
/** Stories per section page. */
export const SECTION_PAGE_SIZE = 20;

export type ParsedPath =
  | { kind: "home" }
  /** Either a section (when `path` is one) or an article (`slug` in section `parentPath`). */
  | { kind: "entry"; path: string; parentPath: string; slug: string }
  | { kind: "section-page"; sectionPath: string; page: number }
  | { kind: "invalid" };

export function isPublicSegment(segment: string): boolean {
  return segment.length <= MAX_SEGMENT_LENGTH && SEGMENT.test(segment);
}

/** Reads the catch-all segments of a public URL; decoding has already happened in the router. */
export function parsePublicPath(segments: readonly string[] | undefined): ParsedPath {
  if (!segments || segments.length === 0) return { kind: "home" };
  if (segments.length > MAX_SEGMENTS + 2) return { kind: "invalid" };
  const n = segments.length;
  if (n >= 3 && segments[n - 2] === "page") {
    const raw = segments[n - 1]!;
    const sectionSegments = segments.slice(0, n - 2);
    if (!/^[1-9][0-9]{0,5}$/.test(raw) || !sectionSegments.every(isPublicSegment)) return { kind: "invalid" };
    const page = Number(raw);
    // Page 1 is the section page itself; one address per page.
    if (page < 2 || page > MAX_PAGE) return { kind: "invalid" };
    return { kind: "section-page", sectionPath: sectionSegments.join("/"), page };
  }
  if (n > MAX_SEGMENTS || !segments.every(isPublicSegment)) return { kind: "invalid" };
  return { kind: "entry", path: segments.join("/"), parentPath: segments.slice(0, -1).join("/"), slug: segments[n - 1]! };
}

/** "/media-center/coalition-news/slug" from a section path (or none) and a slug. */
export function articlePath(sectionPath: string | null, slug: string): string {
  return `/${sectionPath ? `${sectionPath}/` : ""}${slug}`;
}

export function sectionHref(sectionPath: string, page = 1): string {
  return page > 1 ? `/${sectionPath}/page/${page}` : `/${sectionPath}`;
}

export function authorHref(slug: string): string {
  return `/authors/${encodeURIComponent(slug)}`;
}

export function tagHref(slug: string): string {
  return `/tags/${encodeURIComponent(slug)}`;
}

/** Media assets are served by the media module at /media/<key>. */
export function mediaHref(storageKey: string): string {
  return `/media/${encodeURIComponent(storageKey)}`;
}

/**
 * Top-level names the site itself answers at. A section with one of these slugs would be
 * shadowed, so the sections desk should refuse them (exported for it).
 */
export const RESERVED_TOP_LEVEL_SLUGS: readonly string[] = [
  "api",
  "authors",
  "desk",
  "invite",
  "login",
  "media",
  "search",
  "setup",
  "sitemaps",
  "tags",
];

/**
 * Names the section of a /<section path>/feed.xml request, which the proxy rewrites to /feed.xml
 * (a rewritten request keeps its original URL in the handler). Anyone may send it, just as anyone
 * may ask /feed.xml?section=<path>.
 */
export const FEED_SECTION_HEADER = "x-dateline-feed-section";

/** Absolute URL on the public origin. */
export function absoluteUrl(origin: string, path: string): string {
  return `${origin.replace(/\/+$/, "")}${path.startsWith("/") ? path : `/${path}`}`;
}
