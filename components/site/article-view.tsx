import { authorHref, tagHref } from "@/lib/site/paths";
import { dirOf, formatSourceLine, nativeLanguageName, stringsFor } from "@/lib/site/language";
import type { SiteArticle, SiteByline, SiteCorrection, SiteTranslation } from "@/lib/site/types";
import { Breadcrumbs, type Crumb } from "./breadcrumbs";
import { Dateline, formatDatelineSafely } from "./dateline";
import { ResponsiveImage } from "./responsive-image";

type Props = {
  article: SiteArticle;
  crumbs: readonly Crumb[];
  corrections: readonly SiteCorrection[];
  translations: readonly SiteTranslation[];
  timeZone: string;
};

/**
 * The article, in its own language and direction. The body is the HTML rendered and sanitised
 * once at publish time (lib/content/render.ts); everything else is text React escapes.
 */
export function ArticleView({ article, crumbs, corrections, translations, timeZone }: Props) {
  const { strings, lang: labelLang } = stringsFor(article.language);
  // Labels fall back to English for languages without a translation; say so where that happens.
  const labelMark = labelLang !== article.language ? { lang: labelLang } : {};
  // The first publication sets both instants to the same value; any later publication is an update.
  const updated = new Date(article.lastPublishedAt).getTime() > new Date(article.firstPublishedAt).getTime();
  const otherLanguages = translations.filter((t) => t.storyId !== article.id && t.language !== article.language);
  const source = formatSourceLine(article.sourceLine, strings.source);

  return (
    <article className="article" lang={article.language} dir={dirOf(article.language)}>
      <Breadcrumbs crumbs={crumbs} />
      <header className="article-header">
        <p className="article-dateline">
          <Dateline iso={article.firstPublishedAt} timeZone={timeZone} language={article.language} />
          {updated ? (
            <span className="article-updated">
              {" · "}
              <span {...labelMark}>{strings.updated}</span>{" "}
              <Dateline iso={article.lastPublishedAt} timeZone={timeZone} language={article.language} />
            </span>
          ) : null}
        </p>
        <h1>{article.headline}</h1>
        {article.standfirst ? <p className="standfirst">{article.standfirst}</p> : null}
        {article.bylines.length > 0 ? <Bylines bylines={article.bylines} by={strings.by} and={strings.and} labelMark={labelMark} /> : null}
        {otherLanguages.length > 0 ? (
          <nav aria-label={strings.translations} className="translations">
            <ul>
              {otherLanguages.map((t) => (
                <li key={t.storyId}>
                  <a href={t.path} hrefLang={t.language} lang={t.language} dir={dirOf(t.language)}>
                    {stringsFor(t.language).strings.readIn} {nativeLanguageName(t.language)}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
      </header>
      {article.image ? (
        <figure className="featured-figure">
          <ResponsiveImage image={article.image} priority sizes="(min-width: 48rem) 46rem, 100vw" />
          {article.image.caption || article.image.credit ? (
            <figcaption>
              {article.image.caption}
              {article.image.caption && article.image.credit ? " " : null}
              {article.image.credit ? <small className="credit">{article.image.credit}</small> : null}
            </figcaption>
          ) : null}
        </figure>
      ) : null}
      <div className="article-body" dangerouslySetInnerHTML={{ __html: article.html }} />
      {source ? <p className="source-line">{source}</p> : null}
      {article.tags.length > 0 ? (
        <nav aria-label={strings.tags} className="article-tags">
          <ul>
            {article.tags.map((tag) => (
              <li key={tag.slug}>
                <a href={tagHref(tag.slug)}>{tag.name}</a>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      {corrections.length > 0 ? (
        <section className="corrections" aria-labelledby="corrections-title">
          <h2 id="corrections-title" {...labelMark}>
            {strings.corrections}
          </h2>
          <ol>
            {corrections.map((c, i) => (
              <li key={`${c.createdAt}-${i}`}>
                <time dateTime={c.createdAt}>{formatDatelineSafely(c.createdAt, timeZone, article.language)}</time>
                {": "}
                {c.note}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </article>
  );
}

function Bylines({ bylines, by, and, labelMark }: { bylines: readonly SiteByline[]; by: string; and: string; labelMark: { lang?: string } }) {
  return (
    <p className="byline">
      <span {...labelMark}>{by}</span>{" "}
      {bylines.map((b, i) => (
        <span key={`${b.name}-${i}`}>
          {i > 0 ? (i === bylines.length - 1 ? ` ${and} ` : ", ") : null}
          {b.slug ? <a href={authorHref(b.slug)} rel="author">{b.name}</a> : b.name}
        </span>
      ))}
    </p>
  );
}
