import { describe, expect, it } from "vitest";
import { publicPageCacheTags } from "./page-cache-tags";
import { publicChangeTags } from "./revalidate";
import type { PublicPage } from "./public-page";

const article = { kind: "article", article: { id: "s1", translationGroupId: "g1", sectionId: "sec1" }, lineage: [], corrections: [], translations: [] } as unknown as PublicPage;
const section = { kind: "section", section: { id: "sec1" } } as unknown as PublicPage;

describe("a public page's cache tags", () => {
  it("name what the page shows, in the spelling revalidation purges", () => {
    const articleTags = publicPageCacheTags(article, ["news", "story"]);
    expect(articleTags).toEqual(["site:settings", "site:sections", "story:s1", "path:/news/story", "translations:g1"]);
    expect(publicPageCacheTags(section, ["news"])).toEqual(["site:settings", "site:sections", "section:sec1", "path:/news"]);
    expect(publicPageCacheTags({ kind: "home" } as PublicPage, undefined)).toEqual(["site:settings", "site:sections", "site:home"]);
    // A publish of the story purges its page, its section's page and home.
    const purged = publicChangeTags({ storyId: "s1", sectionIds: ["sec1"], paths: ["/news/story"] }, { translationGroupId: "g1" });
    expect(articleTags.filter((t) => purged.includes(t))).toEqual(["story:s1", "path:/news/story", "translations:g1"]);
    expect(purged).toContain("section:sec1");
    expect(purged).toContain("site:home");
  });

  it("leaves out a tag a header could not carry", () => {
    expect(publicPageCacheTags({ kind: "not-found" } as PublicPage, ["a b"])).toEqual(["site:settings", "site:sections"]);
  });
});
