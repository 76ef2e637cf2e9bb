import "server-only";
import { arrangeFrontPage, LATEST_ON_FRONT, PER_SECTION_BLOCK, type FrontPage } from "./front-page";
import { unstable_cache } from "next/cache";
import { cache } from "react";
import { SITE_TAGS } from "./cache-tags";
import { MAX_PAGE, SECTION_PAGE_SIZE } from "./paths";
import {
  countPublishedStories,
  listCorrections,
  listFeedItems,
  listLatestCards,
  listNewsSitemapEntries,
  listSectionCards,
  listSitemapEntries,
  listSiteSections,
  listTranslations,
  readArticle,
  readSiteSettings,
  resolvePathTarget,
} from "./queries";
import { descendantIds, topLevelSections } from "./section-tree";
import type { FeedItem, ListPage, NewsSitemapEntry, PathTarget, SiteSection, SitemapEntry, StoryCard } from "./types";

/**
 * The public site's cached reads. Each one is stored in Next's data cache under the tags of
 * lib/site/cache-tags.ts; a page rendered from them inherits those tags, so revalidating a tag
 * (lib/site/revalidate.ts) refreshes both the data and every cached page built from it.
 * React's cache() shares one read between the layout, the page and generateMetadata of a render.
 *
 * Nothing here runs at build time: the pages that call these have no build-time params.
 */

export const FEED_SIZE = 50;
export const SITEMAP_CHUNK = 10_000;

export const getSiteSettings = cache(unstable_cache(readSiteSettings, ["site-settings"], { tags: [SITE_TAGS.settings] }));

export const getSiteSections = cache(unstable_cache(listSiteSections, ["site-sections"], { tags: [SITE_TAGS.sections] }));

export const getPathTarget = cache(
  (path: string, parentPath: string, slug: string): Promise<PathTarget> =>
    unstable_cache(() => resolvePathTarget(path, parentPath, slug), ["path-target", path], {
      tags: [SITE_TAGS.path(`/${path}`), SITE_TAGS.sections],
    })(),
);

export const getArticle = cache((storyId: string) =>
  unstable_cache(() => readArticle(storyId), ["article", storyId], { tags: [SITE_TAGS.story(storyId)] })(),
);

export const getCorrections = cache((storyId: string) =>
  unstable_cache(() => listCorrections(storyId), ["corrections", storyId], { tags: [SITE_TAGS.story(storyId)] })(),
);

export const getTranslations = cache((groupId: string) =>
  unstable_cache(() => listTranslations(groupId), ["translations", groupId], { tags: [SITE_TAGS.translations(groupId)] })(),
);

export type HomeData = FrontPage;

export const getHomeData = cache(
  unstable_cache(
    async (): Promise<HomeData> => {
      const sections = await listSiteSections();
      const latest = await listLatestCards(LATEST_ON_FRONT);
      const candidates: { section: SiteSection; stories: StoryCard[] }[] = [];
      for (const section of topLevelSections(sections)) {
        // Enough to fill the block even when every story above it came from this section.
        const stories = await listLatestCards(PER_SECTION_BLOCK + LATEST_ON_FRONT, descendantIds(sections, section.id));
        candidates.push({ section, stories });
      }
      return arrangeFrontPage(latest, candidates);
    },
    ["home"],
    { tags: [SITE_TAGS.home, SITE_TAGS.sections] },
  ),
);

export const getSectionPage = cache((sectionId: string, page: number): Promise<ListPage<StoryCard>> => {
  const safePage = Math.min(Math.max(1, Math.trunc(page)), MAX_PAGE);
  return unstable_cache(
    async () => listSectionCards(descendantIds(await listSiteSections(), sectionId), safePage, SECTION_PAGE_SIZE),
    ["section-page", sectionId, String(safePage)],
    { tags: [SITE_TAGS.section(sectionId), SITE_TAGS.sections] },
  )();
});

export function getFeedItems(sectionId: string | null): Promise<FeedItem[]> {
  return unstable_cache(
    async () => (sectionId ? listFeedItems(FEED_SIZE, descendantIds(await listSiteSections(), sectionId)) : listFeedItems(FEED_SIZE)),
    ["feed", sectionId ?? "all"],
    { tags: [SITE_TAGS.feeds, SITE_TAGS.sections, ...(sectionId ? [SITE_TAGS.section(sectionId)] : [])] },
  )();
}

export const getPublishedCount = unstable_cache(countPublishedStories, ["published-count"], { tags: [SITE_TAGS.feeds] });

export function getSitemapChunk(chunk: number): Promise<SitemapEntry[]> {
  return unstable_cache(() => listSitemapEntries(chunk * SITEMAP_CHUNK, SITEMAP_CHUNK), ["sitemap", String(chunk)], {
    tags: [SITE_TAGS.feeds, SITE_TAGS.sections],
  })();
}

/** Google News wants the last 48 hours; the window moves, so this also expires by time. */
export const getNewsSitemapEntries = unstable_cache(
  async (): Promise<NewsSitemapEntry[]> => listNewsSitemapEntries(new Date(Date.now() - 48 * 3600_000), 1000),
  ["news-sitemap"],
  { tags: [SITE_TAGS.feeds, SITE_TAGS.sections], revalidate: 300 },
);
