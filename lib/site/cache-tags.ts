/**
 * The cache tags of the public site, in one place beside the data module that sets them
 * (lib/site/data.ts) and the one that revalidates them (lib/site/revalidate.ts), so a tag can never
 * be set under one spelling and revalidated under another.
 *
 * Granularity: a page is tagged with everything it shows. An article carries its story tag; a
 * section page its section tag; listings also carry the tag of the listing ("home", a section),
 * so publishing a new story refreshes exactly the story, its section lineage and home.
 */

/** Next refuses tags longer than 256 characters; ids and slugs are far shorter, but never trust. */
const MAX_TAG_LENGTH = 256;

function tag(kind: string, id: string): string {
  return `${kind}:${id}`.slice(0, MAX_TAG_LENGTH);
}

export const SITE_TAGS = {
  /** The front page: lead story and latest by section. */
  home: "site:home",
  /** Newsroom name, time zone and default language: shown on every page. */
  settings: "site:settings",
  /** The section tree: navigation, breadcrumbs, section lookup by path. */
  sections: "site:sections",
  /** Feeds and sitemaps: any publish, update or withdrawal changes them. */
  feeds: "site:feeds",
  story: (storyId: string) => tag("story", storyId),
  section: (sectionId: string) => tag("section", sectionId),
  /** What answers at a public path (article, section, redirect, gone), before the story is known. */
  path: (path: string) => tag("path", path),
  /** The "Read in …" links shared by the stories of one translation group. */
  translations: (groupId: string) => tag("translations", groupId),
} as const;
