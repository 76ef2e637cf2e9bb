import { sectionHref } from "@/lib/site/paths";
import { dirOf, stringsFor } from "@/lib/site/language";
import { topLevelSections } from "@/lib/site/section-tree";
import type { SiteSection } from "@/lib/site/types";

type Props = {
  newsroomName: string;
  sections: readonly SiteSection[];
  /** The page's language (a story's, on article pages): the site's own words follow it. */
  language: string;
  children: React.ReactNode;
};

/**
 * Header, navigation and footer of every public page, in the page's language (lib/i18n). Plain
 * links, no client code: the public site needs no JavaScript to be read or navigated.
 */
export function SiteChrome({ newsroomName, sections, language, children }: Props) {
  const { strings, lang } = stringsFor(language);
  // A language without its own words gets English ones, marked so screen readers switch voice.
  const mark = lang !== language ? { lang, dir: dirOf(lang) } : {};
  const top = topLevelSections(sections);
  return (
    <>
      <a className="skip-link" href="#main" {...mark}>
        {strings.skipToContent}
      </a>
      <header className="site-header">
        <div className="container site-header-inner">
          <a className="brand" href="/">
            {/* eslint-disable-next-line @next/next/no-img-element -- a 32 px SVG mark: nothing to optimise */}
            <img className="brand-logo" src="/logo.svg" alt="" width={32} height={32} />
            {newsroomName}
          </a>
          <nav aria-label={strings.sectionsNav} className="site-nav" {...mark}>
            <ul>
              {top.map((section) => (
                <li key={section.id}>
                  <a href={sectionHref(section.path)}>{section.name}</a>
                </li>
              ))}
              <li>
                <a href="/search">{strings.search}</a>
              </li>
            </ul>
          </nav>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="container site-main">
        {children}
      </main>
      <footer className="site-footer" {...mark}>
        <div className="container site-footer-inner">
          <p>{strings.footer(newsroomName)}</p>
          <ul className="footer-links">
            <li>
              <a href="/feed.xml">{strings.rssFeed}</a>
            </li>
            <li>
              <a href="/sitemap.xml">{strings.sitemap}</a>
            </li>
          </ul>
        </div>
      </footer>
    </>
  );
}
