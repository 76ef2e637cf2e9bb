import type { Metadata, Viewport } from "next";
import { connection } from "next/server";
import { RootDocument } from "@/components/ui/root-document";
import { SiteChrome } from "@/components/site/site-chrome";
import { dirOf } from "@/lib/site/language";
import { siteMetadata } from "@/lib/site/metadata";
import { loadSiteFrame } from "@/lib/site/public-page";
import "../../globals.css";
import "../site.css";

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export async function generateMetadata(): Promise<Metadata> {
  await connection();
  return siteMetadata((await loadSiteFrame()).settings);
}

/** Root layout of search, author and tag pages: rendered per request, in the newsroom's language. */
export default async function ListingRootLayout({ children }: { children: React.ReactNode }) {
  // Search results and these listings are per request; the frame itself comes from the cache.
  await connection();
  const { settings, sections } = await loadSiteFrame();
  const language = settings.defaultLanguage;
  return (
    <RootDocument lang={language} dir={dirOf(language)}>
      <SiteChrome newsroomName={settings.name} sections={sections} language={language}>
        {children}
      </SiteChrome>
    </RootDocument>
  );
}
