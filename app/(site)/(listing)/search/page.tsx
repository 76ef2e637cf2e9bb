import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Dateline } from "@/components/site/dateline";
import { Marked } from "@/components/site/marked";
import { Pagination } from "@/components/site/pagination";
import { dirOf, stringsFor } from "@/lib/site/language";
import { loadSiteFrame } from "@/lib/site/public-page";
import { searchStories } from "@/lib/site/queries";
import { normalizeQuery, parsePageParam } from "@/lib/site/search-params";

export async function generateMetadata(): Promise<Metadata> {
  const { settings } = await loadSiteFrame();
  return { title: stringsFor(settings.defaultLanguage).strings.search, robots: { index: false, follow: true } };
}

const PER_PAGE = 10;

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Per request: results depend on the query. Only the newsroom frame around them is cached. */
export default async function SearchPage({ searchParams }: Props) {
  const params = await searchParams;
  const query = normalizeQuery(params.q);
  const page = parsePageParam(params.page);
  if (page === null) notFound();
  const { settings } = await loadSiteFrame();
  const { strings } = stringsFor(settings.defaultLanguage);
  const results = query ? await searchStories(query, page, PER_PAGE) : null;
  const hrefFor = (p: number) => `/search?${new URLSearchParams({ q: query, ...(p > 1 ? { page: String(p) } : {}) }).toString()}`;

  return (
    <div className="search-page">
      <h1>{strings.search}</h1>
      <form role="search" action="/search" method="get" className="search-form">
        <label htmlFor="search-q">{strings.search}</label>
        <input id="search-q" type="search" name="q" defaultValue={query} maxLength={200} autoComplete="off" />
        <button type="submit" className="button">
          {strings.searchButton}
        </button>
      </form>
      {results ? (
        <section aria-labelledby="results-title">
          <h2 id="results-title" className="results-summary">
            {results.items.length === 0 ? (page > 1 ? strings.noMoreResults(query) : strings.noResults(query)) : strings.resultsFor(query, page)}
          </h2>
          {results.items.length > 0 ? (
            <ol className="story-list search-results" start={(page - 1) * PER_PAGE + 1}>
              {results.items.map((hit) => (
                <li key={hit.id} className="story-card" lang={hit.language} dir={dirOf(hit.language)}>
                  <h3>
                    <a href={hit.path}>
                      <Marked text={hit.headlineMarked} />
                    </a>
                  </h3>
                  {hit.snippetMarked ? (
                    <p className="snippet">
                      <Marked text={hit.snippetMarked} />
                    </p>
                  ) : null}
                  <p className="story-card-meta">
                    <Dateline iso={hit.publishedAt} timeZone={settings.timeZone} language={hit.language} />
                    {hit.sectionName ? <span> · {hit.sectionName}</span> : null}
                  </p>
                </li>
              ))}
            </ol>
          ) : page > 1 ? (
            <p>
              <a href={hrefFor(1)}>{strings.backToFirstResults}</a>
            </p>
          ) : null}
          <Pagination page={page} hasNext={results.hasNext} hrefFor={hrefFor} label={strings.searchResultPages} strings={strings} />
        </section>
      ) : null}
    </div>
  );
}
