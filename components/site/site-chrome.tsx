import { sectionHref } from "@/lib/site/paths";
import { dirOf } from "@/lib/site/language";
import { topLevelSections } from "@/lib/site/section-tree";
import type { SiteSection } from "@/lib/site/types";

type Props = {
  newsroomName: string;
  sections: readonly SiteSection[];
  /** The newsroom's language: the site's own words are in it. */
  chromeLanguage: string;
  /** The document's language (a story's, on article pages). */
  documentLanguage: string;
  children: React.ReactNode;
};

/**
 * Header, navigation and footer of every public page. Plain links, no client code: the public
 * site needs no JavaScript to be read or navigated.
 */
export function SiteChrome({ newsroomName, sections, chromeLanguage, documentLanguage, children }: Props) {
  // Where the document is in another language (an Arabic story on an English site), the chrome
  // says it is English, so assistive technology reads each part in the right voice.
  const mark = chromeLanguage !== documentLanguage ? { lang: chromeLanguage, dir: dirOf(chromeLanguage) } : {};
  const top = topLevelSections(sections);
  return (
    <>
      <a className="skip-link" href="#main" {...mark}>
        Skip to content
      </a>
      <header className="site-header" {...mark}>
        <div className="container site-header-inner">
          <a className="brand" href="/">
            {newsroomName}
          </a>
          <nav aria-label="Sections" className="site-nav">
            <ul>
              {top.map((section) => (
                <li key={section.id}>
                  <a href={sectionHref(section.path)}>{section.name}</a>
                </li>
              ))}
              <li>
                <a href="/search">Search</a>
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
          <p>
            © {newsroomName}. Published with Dateline.
          </p>
          <ul className="footer-links">
            <li>
              <a href="/feed.xml">RSS feed</a>
            </li>
            <li>
              <a href="/sitemap.xml">Sitemap</a>
            </li>
          </ul>
        </div>
      </footer>
    </>
  );
}
