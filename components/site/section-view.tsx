import { stringsFor } from "@/lib/site/language";
import { sectionHref } from "@/lib/site/paths";
import type { ListPage, SiteSection, SiteSettings, StoryCard } from "@/lib/site/types";
import { Breadcrumbs, type Crumb } from "./breadcrumbs";
import { Pagination } from "./pagination";
import { StoryList } from "./story-list";

type Props = { section: SiteSection; lineage: readonly SiteSection[]; subsections: readonly SiteSection[]; list: ListPage<StoryCard>; settings: SiteSettings };

export function SectionView({ section, lineage, subsections, list, settings }: Props) {
  const { strings } = stringsFor(settings.defaultLanguage);
  const crumbs: Crumb[] = [
    { name: strings.home, href: "/" },
    ...lineage.map((s) => ({ name: s.name, href: sectionHref(s.path) })),
  ];
  if (list.page > 1) crumbs.push({ name: strings.pageNumber(list.page) });
  return (
    <div className="section-page">
      <Breadcrumbs crumbs={crumbs} />
      <h1>{section.name}</h1>
      {section.description ? <p className="section-description">{section.description}</p> : null}
      {subsections.length > 0 && list.page === 1 ? (
        <nav aria-label={strings.inSection(section.name)} className="subsections">
          <ul>
            {subsections.map((s) => (
              <li key={s.id}>
                <a href={sectionHref(s.path)}>{s.name}</a>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      {list.items.length === 0 ? (
        <p className="empty">{strings.sectionEmpty}</p>
      ) : (
        <StoryList stories={list.items} timeZone={settings.timeZone} pageLanguage={settings.defaultLanguage} />
      )}
      <Pagination page={list.page} hasNext={list.hasNext} hrefFor={(p) => sectionHref(section.path, p)} label={strings.sectionPages(section.name)} strings={strings} />
    </div>
  );
}
