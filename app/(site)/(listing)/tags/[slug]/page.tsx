import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Breadcrumbs } from "@/components/site/breadcrumbs";
import { Pagination } from "@/components/site/pagination";
import { StoryList } from "@/components/site/story-list";
import { stringsFor } from "@/lib/site/language";
import { isPublicSegment } from "@/lib/site/paths";
import { loadSiteFrame } from "@/lib/site/public-page";
import { listTagCards, readTag } from "@/lib/site/queries";
import { parsePageParam } from "@/lib/site/search-params";

const PER_PAGE = 20;

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

async function loadTagPage(slug: string, page: number) {
  if (!isPublicSegment(slug)) return null;
  const list = await listTagCards(slug, page, PER_PAGE);
  if (list.items.length === 0) return null;
  // The name as the tag table has it now; the stories' snapshots may spell it as it was.
  const tag = (await readTag(slug)) ?? { slug, name: slug };
  return { tag, list };
}

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const { slug } = await params;
  const page = parsePageParam((await searchParams).page);
  const data = page ? await loadTagPage(slug, page) : null;
  if (!data) return {};
  return { title: data.tag.name, description: stringsFor((await loadSiteFrame()).settings.defaultLanguage).strings.storiesTagged(data.tag.name), alternates: { canonical: `/tags/${slug}${page && page > 1 ? `?page=${page}` : ""}` } };
}

export default async function TagPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const page = parsePageParam((await searchParams).page);
  if (page === null) notFound();
  const data = await loadTagPage(slug, page);
  if (!data) notFound();
  const { settings } = await loadSiteFrame();
  const { strings } = stringsFor(settings.defaultLanguage);
  return (
    <div className="tag-page">
      <Breadcrumbs crumbs={[{ name: strings.home, href: "/" }, { name: data.tag.name }]} />
      <h1>{data.tag.name}</h1>
      <StoryList stories={data.list.items} timeZone={settings.timeZone} pageLanguage={settings.defaultLanguage} />
      <Pagination page={page} hasNext={data.list.hasNext} hrefFor={(p) => `/tags/${slug}${p > 1 ? `?page=${p}` : ""}`} strings={strings} />
    </div>
  );
}
