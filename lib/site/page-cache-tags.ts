import { SITE_TAGS } from "./cache-tags";
import type { PublicPage } from "./public-page";

/**
 * The cache tags of one public page: the same tags its cached reads carry in Next's cache
 * (lib/site/data.ts), so a shared cache in front can be purged by exactly the tags revalidation
 * refreshes (lib/site/revalidate.ts, lib/site/shared-cache-purge.ts). Every page shows the newsroom
 * settings and the section tree (navigation); a header value must hold no space or comma, which no
 * tag has (ids, slugs), but never trust.
 */
export function publicPageCacheTags(page: PublicPage, segments: readonly string[] | undefined): string[] {
  const tags: string[] = [SITE_TAGS.settings, SITE_TAGS.sections];
  const path = `/${(segments ?? []).join("/")}`;
  switch (page.kind) {
    case "home":
      tags.push(SITE_TAGS.home);
      break;
    case "section":
      tags.push(SITE_TAGS.section(page.section.id), SITE_TAGS.path(path));
      break;
    case "article":
      tags.push(SITE_TAGS.story(page.article.id), SITE_TAGS.path(path));
      if (page.article.translationGroupId) tags.push(SITE_TAGS.translations(page.article.translationGroupId));
      break;
    default:
      tags.push(SITE_TAGS.path(path));
  }
  return tags.filter((tag) => !/[\s,"]/.test(tag));
}
