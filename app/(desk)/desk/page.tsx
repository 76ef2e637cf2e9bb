import type { Metadata } from "next";
import { can } from "@/lib/auth/policy";
import { requireViewer } from "@/lib/auth/viewer";
import { DeskSummary } from "@/components/desk/desk-summary";
import { listStaff } from "@/lib/people/queries";
import { listSections } from "@/lib/sections/queries";
import { getNewsroomSettings } from "@/lib/settings/queries";
import { countStoriesByStatus, listDeskStories } from "@/lib/stories/queries";
import { STORY_STATUSES, type StoryStatus } from "@/lib/stories/workflow";
import { StatusFilterLinks, StoryFilters } from "@/components/desk/story-filters";
import { StoryList } from "@/components/desk/story-list";
import { toSectionOptions } from "@/components/editor/section-options";
import "@/components/desk/desk.css";

export const metadata: Metadata = { title: "Desk" };

type SearchParams = Record<string, string | string[] | undefined>;

function one(params: SearchParams, name: string): string {
  const value = params[name];
  return typeof value === "string" ? value.slice(0, 200) : "";
}

function asStatus(value: string): StoryStatus | null {
  return (STORY_STATUSES as readonly string[]).includes(value) ? (value as StoryStatus) : null;
}

const LIST_PARAMS = ["mine", "status", "section", "author", "q"] as const;

export default async function DeskHomePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const viewer = await requireViewer();
  const params = await searchParams;
  const current: Record<string, string> = {};
  for (const name of LIST_PARAMS) if (one(params, name)) current[name] = one(params, name);
  const hrefFor = (param: string, value: string | null) => {
    const next = new URLSearchParams(current);
    if (value === null) next.delete(param);
    else next.set(param, value);
    const query = next.toString();
    return query ? `/desk?${query}` : "/desk";
  };

  const mineStatus = asStatus(one(params, "mine"));
  const isEditor = can(viewer.role, "story.read.any");
  const filters = { status: asStatus(one(params, "status")), sectionId: one(params, "section") || null, authorId: one(params, "author") || null, q: one(params, "q") };
  const [settings, myCounts, myStories, allStories, sections, staff] = await Promise.all([
    getNewsroomSettings(),
    countStoriesByStatus(viewer, true),
    listDeskStories(viewer, { mine: true, status: mineStatus ?? undefined }),
    isEditor
      ? listDeskStories(viewer, {
          status: filters.status ?? undefined,
          sectionId: filters.sectionId ?? undefined,
          authorId: filters.authorId ?? undefined,
          q: filters.q || undefined,
        })
      : null,
    isEditor ? listSections() : null,
    isEditor ? listStaff() : null,
  ]);
  const timeZone = settings?.timeZone ?? "UTC";

  return (
    <div className="desk-home">
      <h1>Good to see you, {viewer.name}</h1>
      <DeskSummary viewer={viewer} />
      <section aria-labelledby="my-stories-heading" className="desk-section">
        <h2 id="my-stories-heading">My stories</h2>
        <StatusFilterLinks label="My stories by status" param="mine" current={mineStatus} counts={myCounts} hrefFor={hrefFor} />
        <StoryList
          stories={myStories}
          caption="My stories"
          timeZone={timeZone}
          emptyText={mineStatus ? "None of your stories is in this state." : "You have no stories yet. Start one with “New story”."}
        />
      </section>
      {allStories && sections && staff ? (
        <section aria-labelledby="all-stories-heading" className="desk-section">
          <h2 id="all-stories-heading">All stories</h2>
          <StoryFilters values={filters} sections={toSectionOptions(sections)} authors={staff} keep={mineStatus ? { mine: mineStatus } : {}} />
          <StoryList stories={allStories} caption="All stories" timeZone={timeZone} emptyText="No story matches these filters." />
        </section>
      ) : null}
    </div>
  );
}
