import "server-only";
import { cache } from "react";
import { getArticle, getCorrections, getHomeData, getPathTarget, getSectionPage, getSiteSections, getSiteSettings, getTranslations, type HomeData } from "./data";
import { normalizeLanguage } from "./language";
import { parsePublicPath } from "./paths";
import { childSections, sectionLineage } from "./section-tree";
import type { ListPage, SiteArticle, SiteCorrection, SiteSection, SiteSettings, SiteTranslation, StoryCard } from "./types";

export type PublicPage =
  | { kind: "home"; home: HomeData }
  | { kind: "section"; section: SiteSection; lineage: SiteSection[]; children: SiteSection[]; list: ListPage<StoryCard> }
  | { kind: "article"; article: SiteArticle; lineage: SiteSection[]; corrections: SiteCorrection[]; translations: SiteTranslation[] }
  | { kind: "redirect"; location: string }
  | { kind: "gone" }
  | { kind: "not-found" };

/** Before first-run setup there are no settings yet; the site still answers politely. */
export const DEFAULT_SETTINGS: SiteSettings = { name: "Dateline", timeZone: "UTC", defaultLanguage: "en" };

export const loadSiteFrame = cache(async () => {
  const [settings, sections] = await Promise.all([getSiteSettings(), getSiteSections()]);
  const resolved = settings ?? DEFAULT_SETTINGS;
  return { settings: { ...resolved, defaultLanguage: normalizeLanguage(resolved.defaultLanguage) }, sections };
});

/**
 * Everything one URL of the catch-all route shows, from cached reads only. Shared by the root
 * layout (which needs the story's language for <html lang dir>), the page and its metadata; React's
 * cache() makes that one resolution per render.
 */
export const loadPublicPage = cache(async (segments: string[] | undefined): Promise<PublicPage> => {
  const parsed = parsePublicPath(segments);
  if (parsed.kind === "invalid") return { kind: "not-found" };
  const { sections } = await loadSiteFrame();
  if (parsed.kind === "home") return { kind: "home", home: await getHomeData() };
  if (parsed.kind === "section-page") {
    const section = sections.find((s) => s.path === parsed.sectionPath);
    if (!section) return { kind: "not-found" };
    const list = await getSectionPage(section.id, parsed.page);
    // An empty page past the end is not a page.
    if (list.items.length === 0) return { kind: "not-found" };
    return { kind: "section", section, lineage: sectionLineage(sections, section.id), children: childSections(sections, section.id), list };
  }
  const target = await getPathTarget(parsed.path, parsed.parentPath, parsed.slug);
  switch (target.kind) {
    case "section": {
      const section = sections.find((s) => s.id === target.sectionId);
      if (!section) return { kind: "not-found" };
      const list = await getSectionPage(section.id, 1);
      return { kind: "section", section, lineage: sectionLineage(sections, section.id), children: childSections(sections, section.id), list };
    }
    case "article": {
      const article = await getArticle(target.storyId);
      if (!article) return { kind: "not-found" };
      const [corrections, translations] = await Promise.all([
        getCorrections(article.id),
        article.translationGroupId ? getTranslations(article.translationGroupId) : Promise.resolve([]),
      ]);
      return { kind: "article", article, lineage: sectionLineage(sections, article.sectionId), corrections, translations };
    }
    case "redirect":
      return { kind: "redirect", location: target.location };
    case "gone":
      return { kind: "gone" };
    default:
      return { kind: "not-found" };
  }
});
