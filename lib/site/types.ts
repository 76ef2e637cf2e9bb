/**
 * What the public site reads. Plain JSON (dates as ISO strings): these values live in Next's data
 * cache, which stores JSON, so a Date would come back as a string anyway.
 */

export type SiteSettings = { name: string; timeZone: string; defaultLanguage: string };

export type SiteSection = {
  id: string;
  name: string;
  slug: string;
  path: string;
  parentId: string | null;
  position: number;
  description: string;
};

export type SiteImage = {
  src: string;
  width: number;
  height: number;
  alt: string;
  /** "url 480w, url 800w" from the stored WebP renditions; empty when there are none. */
  srcSet: string;
  /** The same from the AVIF renditions (smaller still); empty for images stored before AVIF. */
  avifSrcSet: string;
  caption: string;
  credit: string;
};

export type SiteByline = { name: string; slug: string | null };
export type SiteTag = { name: string; slug: string };

export type StoryCard = {
  id: string;
  headline: string;
  standfirst: string;
  path: string;
  sectionId: string | null;
  sectionName: string | null;
  language: string;
  publishedAt: string;
  updatedAt: string;
  bylines: SiteByline[];
  image: SiteImage | null;
};

export type SiteCorrection = { note: string; createdAt: string };

export type SiteTranslation = { storyId: string; language: string; headline: string; path: string };

export type SiteArticle = {
  id: string;
  revisionId: string;
  headline: string;
  standfirst: string;
  /** Rendered at publish time (architecture rule 4); already escaped and URL-checked. */
  html: string;
  bodyText: string;
  sourceLine: string;
  slug: string;
  path: string;
  language: string;
  sectionId: string | null;
  bylines: SiteByline[];
  tags: SiteTag[];
  seoTitle: string;
  seoDescription: string;
  firstPublishedAt: string;
  lastPublishedAt: string;
  image: SiteImage | null;
  translationGroupId: string | null;
};

/** What answers at a public path. */
export type PathTarget =
  | { kind: "section"; sectionId: string }
  | { kind: "article"; storyId: string }
  | { kind: "redirect"; location: string; storyId: string }
  | { kind: "gone"; storyId: string }
  | { kind: "missing" };

export type ListPage<T> = { items: T[]; page: number; hasNext: boolean };

export type SearchHit = StoryCard & {
  /** Text with highlight markers (see SEARCH_MARK_START/END); split and escaped when rendered. */
  headlineMarked: string;
  snippetMarked: string;
};

/** Private-use characters that ts_headline wraps matches in; stripped from the text first. */
export const SEARCH_MARK_START = "\uE000";
export const SEARCH_MARK_END = "\uE001";

export type FeedItem = StoryCard & { sectionPath: string | null; excerpt: string };

export type SitemapEntry = { path: string; lastModified: string };

export type NewsSitemapEntry = { path: string; headline: string; language: string; publishedAt: string };
