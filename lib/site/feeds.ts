/**
 * RSS 2.0, sitemaps (sitemaps.org 0.9 and Google News) and robots.txt, assembled as strings with
 * every text field through escapeXml. Pure: the route handlers pass data in.
 */
import { absoluteUrl } from "./paths";
import { escapeXml, rfc822 } from "./escape";
import type { FeedItem, NewsSitemapEntry, SitemapEntry } from "./types";

export type FeedChannel = { title: string; description: string; selfPath: string; linkPath: string; language: string; origin: string };

export function buildRssFeed(channel: FeedChannel, items: readonly FeedItem[]): string {
  const { origin } = channel;
  const newest = items[0]?.updatedAt;
  const lines = [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">`,
    `<channel>`,
    `<title>${escapeXml(channel.title)}</title>`,
    `<link>${escapeXml(absoluteUrl(origin, channel.linkPath))}</link>`,
    `<description>${escapeXml(channel.description)}</description>`,
    `<language>${escapeXml(channel.language)}</language>`,
    `<atom:link href="${escapeXml(absoluteUrl(origin, channel.selfPath))}" rel="self" type="application/rss+xml"/>`,
    `<generator>Dateline</generator>`,
  ];
  if (newest) lines.push(`<lastBuildDate>${rfc822(new Date(newest))}</lastBuildDate>`);
  for (const item of items) {
    const url = absoluteUrl(origin, item.path);
    lines.push(
      `<item>`,
      `<title>${escapeXml(item.headline)}</title>`,
      `<link>${escapeXml(url)}</link>`,
      `<guid isPermaLink="true">${escapeXml(url)}</guid>`,
      `<pubDate>${rfc822(new Date(item.publishedAt))}</pubDate>`,
      `<description>${escapeXml(item.excerpt)}</description>`,
    );
    if (item.sectionName) lines.push(`<category>${escapeXml(item.sectionName)}</category>`);
    for (const byline of item.bylines) lines.push(`<dc:creator>${escapeXml(byline.name)}</dc:creator>`);
    if (item.image) {
      lines.push(`<enclosure url="${escapeXml(absoluteUrl(origin, item.image.src))}" type="image/jpeg" length="0"/>`);
    }
    lines.push(`</item>`);
  }
  lines.push(`</channel>`, `</rss>`, ``);
  return lines.join("\n");
}

export function buildSitemapIndex(origin: string, sitemapPaths: readonly string[]): string {
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`,
    ...sitemapPaths.map((p) => `<sitemap><loc>${escapeXml(absoluteUrl(origin, p))}</loc></sitemap>`),
    `</sitemapindex>`,
    ``,
  ].join("\n");
}

/**
 * The sitemaps.org schema requires at least one <url> in a urlset (and one <sitemap> in an index):
 * an empty sitemap is invalid, and crawlers may drop the whole file. Where there is nothing else
 * to list, a sitemap lists the front page, which always exists.
 */
const FRONT_PAGE_URL = (origin: string) => `<url><loc>${escapeXml(absoluteUrl(origin, "/"))}</loc></url>`;

export function buildUrlSet(origin: string, entries: readonly SitemapEntry[]): string {
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`,
    ...(entries.length === 0 ? [FRONT_PAGE_URL(origin)] : []),
    ...entries.map(
      (e) => `<url><loc>${escapeXml(absoluteUrl(origin, e.path))}</loc>${e.lastModified ? `<lastmod>${escapeXml(e.lastModified)}</lastmod>` : ""}</url>`,
    ),
    `</urlset>`,
    ``,
  ].join("\n");
}

/**
 * Google News sitemap: https://developers.google.com/search/docs/crawling-indexing/sitemaps/news-sitemap
 * With nothing published in the last 48 hours it lists the front page without a <news:news> block
 * (optional in the schema): valid, and Google News takes nothing from it.
 */
export function buildNewsSitemap(origin: string, publicationName: string, entries: readonly NewsSitemapEntry[]): string {
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">`,
    ...(entries.length === 0 ? [FRONT_PAGE_URL(origin)] : []),
    ...entries.map((e) =>
      [
        `<url>`,
        `<loc>${escapeXml(absoluteUrl(origin, e.path))}</loc>`,
        `<news:news>`,
        `<news:publication><news:name>${escapeXml(publicationName)}</news:name><news:language>${escapeXml(e.language)}</news:language></news:publication>`,
        `<news:publication_date>${escapeXml(e.publishedAt)}</news:publication_date>`,
        `<news:title>${escapeXml(e.headline)}</news:title>`,
        `</news:news>`,
        `</url>`,
      ].join(""),
    ),
    `</urlset>`,
    ``,
  ].join("\n");
}

export function buildRobotsTxt(origin: string): string {
  return [
    "User-agent: *",
    "Allow: /",
    "Disallow: /desk",
    "Disallow: /api/",
    "Disallow: /login",
    "Disallow: /setup",
    "Disallow: /invite",
    "Disallow: /search",
    "",
    `Sitemap: ${absoluteUrl(origin, "/sitemap.xml")}`,
    `Sitemap: ${absoluteUrl(origin, "/news-sitemap.xml")}`,
    "",
  ].join("\n");
}

