import "server-only";
import type { Metadata } from "next";
import { BRAND_FILES, BRAND_ICONS } from "@/lib/brand";
import { stringsFor } from "./language";
import { siteOrigin } from "./origin";
import { absoluteUrl, authorHref, sectionHref } from "./paths";
import { describeArticle, shareImageOf } from "./structured-data";
import type { SiteArticle, SiteSection, SiteSettings, SiteTranslation } from "./types";

/**
 * <head> of public pages through Next's Metadata API, which escapes every attribute value; the
 * strings here are plain text straight from the live revision.
 */

export function siteMetadata(settings: SiteSettings): Metadata {
  return {
    metadataBase: new URL(siteOrigin()),
    title: { default: settings.name, template: `%s · ${settings.name}` },
    description: stringsFor(settings.defaultLanguage).strings.newsFrom(settings.name),
    icons: BRAND_ICONS,
    alternates: { types: { "application/rss+xml": [{ url: "/feed.xml", title: settings.name }] } },
    openGraph: { siteName: settings.name, type: "website", locale: ogLocale(settings.defaultLanguage), images: [DEFAULT_SHARE_IMAGE] },
    twitter: { card: "summary_large_image", images: [DEFAULT_SHARE_IMAGE.url] },
  };
}

const DEFAULT_SHARE_IMAGE = { url: BRAND_FILES.shareImage.path, width: BRAND_FILES.shareImage.width, height: BRAND_FILES.shareImage.height };

/**
 * og:locale is language_TERRITORY. A story records only its language, so each language gets the
 * territory its readers most often share from (Facebook's own list: ar_AR for Arabic).
 */
const OG_TERRITORY: Record<string, string> = { en: "en_GB", ar: "ar_AR", fr: "fr_FR", es: "es_ES", de: "de_DE", tr: "tr_TR", ku: "ku_TR", fa: "fa_IR", ur: "ur_PK", he: "he_IL", ru: "ru_RU" };

export function ogLocale(language: string): string {
  return OG_TERRITORY[language] ?? `${language}_${language.toUpperCase()}`;
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
  // Alternates only while another language is live: a group whose other versions are unpublished
  // has nothing to point at.
  const hasOtherLanguage = translations.some((t) => t.language !== article.language);
  if (hasOtherLanguage) for (const t of translations) languages[t.language] = absoluteUrl(origin, t.path);
  if (hasOtherLanguage) {
    languages[article.language] = url;
    // The original (the group's first) stands for the story where no language matches the reader.
    languages["x-default"] = absoluteUrl(origin, translations[0]?.path ?? article.path);
  }
  const share = shareImageOf(article, origin);
  const images = [{ url: share.url, width: share.width, height: share.height, alt: share.alt }];
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
      alternateLocale: translations.filter((t) => t.language !== article.language).map((t) => ogLocale(t.language)),
      publishedTime: article.firstPublishedAt,
      modifiedTime: article.lastPublishedAt,
      authors: article.bylines.filter((b) => b.slug).map((b) => absoluteUrl(origin, authorHref(b.slug!))),
      tags: article.tags.map((t) => t.name),
      images,
    },
    twitter: { card: "summary_large_image", title, description, images: images.map((i) => i.url) },
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
    openGraph: { type: "website", title, description, url: sectionHref(section.path, page), siteName: settings.name, locale: ogLocale(settings.defaultLanguage), images: [DEFAULT_SHARE_IMAGE] },
    twitter: { card: "summary_large_image", title, description, images: [DEFAULT_SHARE_IMAGE.url] },
  };
}
