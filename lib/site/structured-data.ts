/**
 * schema.org NewsArticle for an article page. Values are plain data; escaping for the <script>
 * element happens in jsonForScript, so nothing here needs to think about markup. Pure.
 */
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
    author:
      article.bylines.length > 0
        ? article.bylines.map((b) => (b.slug ? { "@type": "Person", name: b.name, url: absoluteUrl(origin, authorHref(b.slug)) } : { "@type": "Person", name: b.name }))
        : [{ "@type": "Organization", name: newsroomName, url: absoluteUrl(origin, "/") }],
    publisher: { "@type": "NewsMediaOrganization", name: newsroomName, url: absoluteUrl(origin, "/") },
  };
  const section = lineage.at(-1);
  if (section) data.articleSection = section.name;
  if (article.image) data.image = [absoluteUrl(origin, article.image.src)];
  if (article.tags.length > 0) data.keywords = article.tags.map((t) => t.name);
  if (corrections.length > 0) {
    data.correction = corrections.map((c) => ({ "@type": "CorrectionComment", text: c.note, datePublished: c.createdAt }));
  }
  return data;
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
