import type { Metadata } from "next";
import { notFound, permanentRedirect } from "next/navigation";
import { ArticleView } from "@/components/site/article-view";
import { HomeView } from "@/components/site/home-view";
import { CacheTagsMarker } from "@/components/site/cache-tags-marker";
import { JsonLd } from "@/components/site/json-ld";
import { SectionView } from "@/components/site/section-view";
import { articleMetadata, sectionMetadata } from "@/lib/site/metadata";
import { publicPageCacheTags } from "@/lib/site/page-cache-tags";
import { loadPublicPage, loadSiteFrame } from "@/lib/site/public-page";
import { siteOrigin } from "@/lib/site/origin";
import { describeArticle, newsArticleJsonLd } from "@/lib/site/structured-data";
import { stringsFor } from "@/lib/site/language";

/**
 * Home, section and article pages: one catch-all route so that a section path and a story path
 * (both arbitrary depth) resolve through one lookup.
 *
 * Caching (Incremental Static Regeneration): no params are known at build time, so nothing reads
 * the database during `next build`; each URL is rendered on its first request and then served
 * from Next's cache, tagged with everything it shows (lib/site/data.ts). Revalidation is on demand
 * (lib/site/revalidate.ts); the daily time limit is only a safety net.
 */
export const dynamicParams = true;
export const revalidate = 86400;

export function generateStaticParams(): { path: string[] }[] {
  return [];
}

type Props = { params: Promise<{ path?: string[] }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { path } = await params;
  const [page, { settings }] = await Promise.all([loadPublicPage(path), loadSiteFrame()]);
  if (page.kind === "article") return articleMetadata(page.article, page.translations, settings, siteOrigin());
  if (page.kind === "section") return sectionMetadata(page.section, page.list.page, settings);
  return {};
}

export default async function PublicPage({ params }: Props) {
  const { path } = await params;
  const [page, { settings, sections }] = await Promise.all([loadPublicPage(path), loadSiteFrame()]);
  const tags = <CacheTagsMarker tags={publicPageCacheTags(page, path)} />;
  switch (page.kind) {
    case "home":
      return (
        <>
          {tags}
          <HomeView home={page.home} settings={settings} sections={sections} />
        </>
      );
    case "section":
      return (
        <>
          {tags}
          <SectionView section={page.section} lineage={page.lineage} subsections={page.children} list={page.list} settings={settings} />
        </>
      );
    case "article": {
      const { article, lineage } = page;
      const home = stringsFor(article.language).strings.home;
      const crumbs = [
        { name: home, href: "/" },
        ...lineage.map((s) => ({ name: s.name, href: `/${s.path}` })),
        { name: article.headline },
      ];
      return (
        <>
          {tags}
          <ArticleView article={article} crumbs={crumbs} corrections={page.corrections} translations={page.translations} timeZone={settings.timeZone} />
          <JsonLd
            data={newsArticleJsonLd({ article, corrections: page.corrections, lineage, newsroomName: settings.name, origin: siteOrigin(), description: describeArticle(article) })}
          />
        </>
      );
    }
    case "redirect":
      // Normally answered with a 301 by the proxy (lib/site/route-table.ts) before rendering.
      permanentRedirect(page.location);
    default:
      // A withdrawn story is normally answered with 410 by the proxy; 404 is the fallback.
      notFound();
  }
}
