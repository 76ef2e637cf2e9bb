import { describe, expect, it } from "vitest";
import { arrangeFrontPage, PER_SECTION_BLOCK } from "./front-page";
import type { SiteSection, StoryCard } from "./types";

const section = (id: string): SiteSection => ({ id, name: id, slug: id, path: id, parentId: null, position: 0, description: "" });
const card = (id: string): StoryCard => ({
  id,
  headline: id,
  standfirst: "",
  path: `/news/${id}`,
  sectionId: "news",
  sectionName: "News",
  language: "en",
  publishedAt: "2024-01-01T00:00:00.000Z",
  updatedAt: "2024-01-01T00:00:00.000Z",
  bylines: [],
  image: null,
});

function allIds(page: ReturnType<typeof arrangeFrontPage>): string[] {
  return [page.lead, ...page.latest, ...page.bySection.flatMap((b) => b.stories)].filter((s) => s !== null).map((s) => s.id);
}

describe("arrangeFrontPage", () => {
  it("shows a newsroom's only story once, with no empty section block", () => {
    const only = card("a");
    const page = arrangeFrontPage([only], [{ section: section("news"), stories: [only] }]);
    expect(allIds(page)).toEqual(["a"]);
    expect(page.bySection).toEqual([]);
  });

  it("never lists a story twice when sections share stories with the latest list", () => {
    const stories = ["a", "b", "c", "d", "e", "f", "g"].map(card);
    const page = arrangeFrontPage(stories.slice(0, 3), [
      { section: section("news"), stories },
      { section: section("sport"), stories: stories.slice(2) },
    ]);
    const ids = allIds(page);
    expect(new Set(ids).size).toBe(ids.length);
    expect(page.bySection.map((b) => b.stories.map((s) => s.id))).toEqual([["d", "e", "f", "g"], []].filter((x) => x.length));
  });

  it("fills a block up to its size from older stories", () => {
    const stories = Array.from({ length: 12 }, (_, i) => card(`s${i}`));
    const page = arrangeFrontPage(stories.slice(0, 5), [{ section: section("news"), stories }]);
    expect(page.bySection[0]!.stories.map((s) => s.id)).toEqual(["s5", "s6", "s7", "s8"].slice(0, PER_SECTION_BLOCK));
  });
});
