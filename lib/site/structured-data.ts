/**
 * schema.org NewsArticle for an article page. Values are plain data; escaping for the <script>
 * element happens in jsonForScript, so nothing here needs to think about markup. Pure.
 */
import { BRAND_FILES } from "@/lib/brand";
import { absoluteUrl, authorHref } from "./paths";
import type { SiteArticle, SiteCorrection, SiteSection } from "./types";

export function newsArticleJsonLd(input: {
  article: SiteArticle;
  corrections: readonly SiteCorrection[];
  lineage: readonly SiteSection[];
  newsroomName: string;
  origin: string;
  description: string;
}): Record<string, unknown> {
  const { article, corrections, lineage, newsroomName, origin, description } = input;
  const url = absoluteUrl(origin, article.path);
  const data: Record<string, unknown> = {
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    mainEntityOfPage: { "@type": "WebPage", "@id": url },
    url,
    headline: article.headline,
    description,
    datePublished: article.firstPublishedAt,
    dateModified: article.lastPublishedAt,
    inLanguage: article.language,
    isAccessibleForFree: true,
    author: authorsOf(article, newsroomName, origin),
    publisher: {
      "@type": "NewsMediaOrganization",
      name: newsroomName,
      url: absoluteUrl(origin, "/"),
      logo: { "@type": "ImageObject", url: absoluteUrl(origin, BRAND_FILES.logo.path), width: BRAND_FILES.logo.width, height: BRAND_FILES.logo.height },
    },
    image: [shareImageOf(article, origin).url],
  };
  const section = lineage.at(-1);
  if (section) data.articleSection = section.name;
  if (article.tags.length > 0) data.keywords = article.tags.map((t) => t.name);
  if (corrections.length > 0) {
    data.correction = corrections.map((c) => ({ "@type": "CorrectionComment", text: c.note, datePublished: c.createdAt }));
  }
  return data;
}

/**
 * Who wrote it: the bylines; else the agency or office named in the source line (wire copy and
 * statements carry no byline, and "the newsroom" would claim authorship of someone else's text);
 * else the newsroom itself.
 */
function authorsOf(article: Pick<SiteArticle, "bylines" | "sourceLine">, newsroomName: string, origin: string): Record<string, unknown>[] {
  if (article.bylines.length > 0) {
    return article.bylines.map((b) => (b.slug ? { "@type": "Person", name: b.name, url: absoluteUrl(origin, authorHref(b.slug)) } : { "@type": "Person", name: b.name }));
  }
  const source = sourceName(article.sourceLine);
  if (source) return [{ "@type": "Organization", name: source }];
  return [{ "@type": "Organization", name: newsroomName, url: absoluteUrl(origin, "/") }];
}

/** "(Source: Reuters)", "Source: Reuters", "المصدر: رويترز" or "Reuters" -> the name alone. */
export function sourceName(sourceLine: string): string {
  const unwrapped = sourceLine.trim().replace(/^\((.*)\)$/s, "$1").trim();
  return unwrapped.replace(/^(sources?|المصدر|المصادر)\s*[:：]\s*/iu, "").trim();
}

/** The image a share card shows: the featured image, else the newsroom's default share image. */
export function shareImageOf(article: Pick<SiteArticle, "image" | "headline">, origin: string): { url: string; width: number; height: number; alt: string } {
  if (article.image) return { url: absoluteUrl(origin, article.image.src), width: article.image.width, height: article.image.height, alt: article.image.alt };
  const fallback = BRAND_FILES.shareImage;
  return { url: absoluteUrl(origin, fallback.path), width: fallback.width, height: fallback.height, alt: "" };
}

/** Plain-text description for meta tags: the SEO description, the standfirst, or the first words. */
export function describeArticle(article: Pick<SiteArticle, "seoDescription" | "standfirst" | "bodyText">): string {
  const chosen = article.seoDescription.trim() || article.standfirst.trim();
  if (chosen) return chosen.slice(0, 300);
  const text = article.bodyText.replace(/\s+/g, " ").trim();
  if (text.length <= 200) return text;
  const cut = text.slice(0, 200);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), 120))}…`;
}
