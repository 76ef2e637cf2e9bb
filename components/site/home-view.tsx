import type { HomeData } from "@/lib/site/data";
import { dirOf, stringsFor } from "@/lib/site/language";
import { sectionHref } from "@/lib/site/paths";
import type { SiteSection, SiteSettings } from "@/lib/site/types";
import { Dateline } from "./dateline";
import { ResponsiveImage } from "./responsive-image";
import { StoryList } from "./story-list";

export function HomeView({ home, settings }: { home: HomeData; settings: SiteSettings; sections: readonly SiteSection[] }) {
  const language = settings.defaultLanguage;
  const { strings } = stringsFor(language);
  if (!home.lead) {
    return (
      <>
        <h1>{strings.latestNews}</h1>
        <p className="empty">{strings.nothingPublished}</p>
      </>
    );
  }
  const lead = home.lead;
  return (
    <>
      <h1>{strings.latestNews}</h1>
      <article className="lead-story" {...(lead.language !== language ? { lang: lead.language, dir: dirOf(lead.language) } : {})}>
        {lead.image ? <ResponsiveImage image={lead.image} priority sizes="(min-width: 72rem) 70rem, 100vw" /> : null}
        <h2>
          <a href={lead.path}>{lead.headline}</a>
        </h2>
        {lead.standfirst ? <p className="standfirst">{lead.standfirst}</p> : null}
        <p className="story-card-meta">
          <Dateline iso={lead.publishedAt} timeZone={settings.timeZone} language={lead.language} />
          {lead.sectionName ? <span> · {lead.sectionName}</span> : null}
        </p>
      </article>
      {home.latest.length > 0 ? (
        <section aria-labelledby="latest-title" className="home-block">
          <h2 id="latest-title">{strings.moreNews}</h2>
          <StoryList stories={home.latest} timeZone={settings.timeZone} pageLanguage={language} headingLevel={3} />
        </section>
      ) : null}
      {home.bySection.map(({ section, stories }) => (
        <section key={section.id} aria-labelledby={`section-${section.id}`} className="home-block">
          <h2 id={`section-${section.id}`}>
            <a href={sectionHref(section.path)}>{section.name}</a>
          </h2>
          <StoryList stories={stories} timeZone={settings.timeZone} pageLanguage={language} headingLevel={3} showSection={false} />
        </section>
      ))}
    </>
  );
}
