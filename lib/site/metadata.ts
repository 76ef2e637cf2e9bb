import "server-only";
import type { Metadata } from "next";
import { siteOrigin } from "./origin";
import { absoluteUrl, authorHref, sectionHref } from "./paths";
import { describeArticle } from "./structured-data";
import type { SiteArticle, SiteSection, SiteSettings, SiteTranslation } from "./types";

/**
 * <head> of public pages through Next's Metadata API, which escapes every attribute value; the
 * strings here are plain text straight from the live revision.
 */

export function siteMetadata(settings: SiteSettings): Metadata {
  return {
    metadataBase: new URL(siteOrigin()),
    title: { default: settings.name, template: `%s · ${settings.name}` },
    description: `News from ${settings.name}.`,
    alternates: { types: { "application/rss+xml": [{ url: "/feed.xml", title: settings.name }] } },
    openGraph: { siteName: settings.name, type: "website" },
  };
}

/** og:locale wants language_TERRITORY; the language alone is what we know. */
function ogLocale(language: string): string {
  return language;
}

/**
 * The layout's title template does not apply to a page in the same segment (the catch-all layout
 * and page share one), so page titles are composed here.
 */
function pageTitle(title: string, settings: SiteSettings): Metadata["title"] {
  return { absolute: `${title} · ${settings.name}` };
}

export function articleMetadata(article: SiteArticle, translations: readonly SiteTranslation[], settings: SiteSettings, origin: string): Metadata {
  const title = article.seoTitle.trim() || article.headline;
  const description = describeArticle(article);
  const url = absoluteUrl(origin, article.path);
  const languages: Record<string, string> = {};
  for (const t of translations) languages[t.language] = absoluteUrl(origin, t.path);
  if (Object.keys(languages).length > 0) languages[article.language] = url;
  const images = article.image ? [{ url: absoluteUrl(origin, article.image.src), width: article.image.width, height: article.image.height, alt: article.image.alt }] : undefined;
  return {
    title: pageTitle(title, settings),
    description,
    alternates: { canonical: url, ...(Object.keys(languages).length > 0 ? { languages } : {}) },
    openGraph: {
      type: "article",
      url,
      title,
      description,
      siteName: settings.name,
      locale: ogLocale(article.language),
      publishedTime: article.firstPublishedAt,
      modifiedTime: article.lastPublishedAt,
      authors: article.bylines.filter((b) => b.slug).map((b) => absoluteUrl(origin, authorHref(b.slug!))),
      tags: article.tags.map((t) => t.name),
      images,
    },
    twitter: { card: images ? "summary_large_image" : "summary", title, description, images: images?.map((i) => i.url) },
  };
}

export function sectionMetadata(section: SiteSection, page: number, settings: SiteSettings): Metadata {
  const title = page > 1 ? `${section.name} (page ${page})` : section.name;
  const description = section.description.trim() || `${section.name}: the latest from ${settings.name}.`;
  return {
    title: pageTitle(title, settings),
    description,
    alternates: {
      canonical: sectionHref(section.path, page),
      types: { "application/rss+xml": [{ url: `/${section.path}/feed.xml`, title: `${section.name} · ${settings.name}` }] },
    },
    openGraph: { type: "website", title, description, url: sectionHref(section.path, page), siteName: settings.name },
    twitter: { card: "summary", title, description },
  };
}
