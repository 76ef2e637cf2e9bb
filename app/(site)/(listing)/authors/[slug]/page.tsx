import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Breadcrumbs } from "@/components/site/breadcrumbs";
import { Pagination } from "@/components/site/pagination";
import { StoryList } from "@/components/site/story-list";
import { stringsFor } from "@/lib/site/language";
import { isPublicSegment } from "@/lib/site/paths";
import { loadSiteFrame } from "@/lib/site/public-page";
import { listAuthorCards, readAuthor } from "@/lib/site/queries";
import { parsePageParam } from "@/lib/site/search-params";

const PER_PAGE = 20;

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/** A staff member's public page exists only while they have a published byline: no staff directory. */
async function loadAuthorPage(slug: string, page: number) {
  if (!isPublicSegment(slug)) return null;
  const author = await readAuthor(slug);
  if (!author) return null;
  const list = await listAuthorCards(author.id, page, PER_PAGE);
  if (list.items.length === 0) return null;
  return { author, list };
}

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const { slug } = await params;
  const page = parsePageParam((await searchParams).page);
  const data = page ? await loadAuthorPage(slug, page) : null;
  if (!data) return {};
  return { title: data.author.name, description: data.author.bio || stringsFor((await loadSiteFrame()).settings.defaultLanguage).strings.storiesBy(data.author.name), alternates: { canonical: `/authors/${slug}${page && page > 1 ? `?page=${page}` : ""}` } };
}

export default async function AuthorPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const page = parsePageParam((await searchParams).page);
  if (page === null) notFound();
  const data = await loadAuthorPage(slug, page);
  if (!data) notFound();
  const { settings } = await loadSiteFrame();
  const { strings } = stringsFor(settings.defaultLanguage);
  return (
    <div className="author-page">
      <Breadcrumbs crumbs={[{ name: strings.home, href: "/" }, { name: data.author.name }]} />
      <h1>{data.author.name}</h1>
      {data.author.bio ? <p className="section-description">{data.author.bio}</p> : null}
      <StoryList stories={data.list.items} timeZone={settings.timeZone} pageLanguage={settings.defaultLanguage} />
      <Pagination page={page} hasNext={data.list.hasNext} hrefFor={(p) => `/authors/${slug}${p > 1 ? `?page=${p}` : ""}`} strings={strings} />
    </div>
  );
}
