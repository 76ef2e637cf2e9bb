/**
 * The front page's arrangement: a lead, the latest stories, then a block per top-level section.
 * Each story appears once: a section block skips stories already shown above it (with few stories
 * the same ones would otherwise fill every block), and a block left empty is dropped. Pure.
 */
import type { SiteSection, StoryCard } from "./types";

export const LATEST_ON_FRONT = 11;
export const PER_SECTION_BLOCK = 4;

export type FrontPage = {
  lead: StoryCard | null;
  latest: StoryCard[];
  bySection: { section: SiteSection; stories: StoryCard[] }[];
};

/** `sectionCandidates` are each section's newest stories, newest first, more than a block holds. */
export function arrangeFrontPage(latest: readonly StoryCard[], sectionCandidates: readonly { section: SiteSection; stories: readonly StoryCard[] }[]): FrontPage {
  const shown = new Set(latest.map((s) => s.id));
  const bySection: FrontPage["bySection"] = [];
  for (const { section, stories } of sectionCandidates) {
    const fresh = stories.filter((s) => !shown.has(s.id)).slice(0, PER_SECTION_BLOCK);
    for (const s of fresh) shown.add(s.id);
    if (fresh.length > 0) bySection.push({ section, stories: fresh });
  }
  return { lead: latest[0] ?? null, latest: latest.slice(1), bySection };
}
