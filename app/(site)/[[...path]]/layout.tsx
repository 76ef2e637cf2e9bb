import type { Metadata, Viewport } from "next";
import { RootDocument } from "@/components/ui/root-document";
import { SiteChrome } from "@/components/site/site-chrome";
import { dirOf, normalizeLanguage } from "@/lib/site/language";
import { loadPublicPage, loadSiteFrame } from "@/lib/site/public-page";
import { siteMetadata } from "@/lib/site/metadata";
import "../../globals.css";
import "../site.css";

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export async function generateMetadata(): Promise<Metadata> {
  return siteMetadata((await loadSiteFrame()).settings);
}

/**
 * Root layout of home, section and article pages. It is a root layout (there is no app/layout.tsx)
 * so that <html lang dir> can follow the story on an article page: a layout inside the catch-all
 * segment receives the path, resolves it through the same cached reads as the page (one read per
 * render, zero on a cache hit) and knows the story's language. A root layout above the route could
 * only ever say the newsroom's language.
 */
export default async function PublicRootLayout({ children, params }: { children: React.ReactNode; params: Promise<{ path?: string[] }> }) {
  const { path } = await params;
  const [{ settings, sections }, page] = await Promise.all([loadSiteFrame(), loadPublicPage(path)]);
  const language = page.kind === "article" ? normalizeLanguage(page.article.language, settings.defaultLanguage) : settings.defaultLanguage;
  return (
    <RootDocument lang={language} dir={dirOf(language)} staticDocument>
      <SiteChrome newsroomName={settings.name} sections={sections} language={language}>
        {children}
      </SiteChrome>
    </RootDocument>
  );
}
