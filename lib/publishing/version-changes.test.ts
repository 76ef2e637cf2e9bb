import { describe, expect, it } from "vitest";
import { compareVersions, type ComparableVersion } from "./version-changes";

const base: ComparableVersion = {
  headline: "Council votes on the budget",
  standfirst: "The vote is on Thursday.",
  bodyText: "The mayor spoke first.",
  sourceLine: "City hall",
  slug: "council-budget",
  sectionId: "s1",
  language: "en",
  featuredMediaId: null,
  featuredCaption: "",
  featuredCredit: "",
  seoTitle: "",
  seoDescription: "",
  tags: ["Budget", "Council"],
  bylines: ["Ada Reporter"],
};

describe("compareVersions", () => {
  it("shows the words added to the body, and nothing for unchanged fields", () => {
    const changes = compareVersions(base, { ...base, bodyText: "The mayor spoke first. The mayor is a criminal." });
    expect(changes.otherChanges).toEqual([]);
    expect(changes.fields.map((f) => f.label)).toEqual(["Body"]);
    expect(changes.fields[0]!.parts.filter((p) => p.kind === "added").map((p) => p.text).join("")).toContain("The mayor is a criminal.");
  });

  it("names the other details that changed; tag order alone is no change", () => {
    const changes = compareVersions(base, { ...base, slug: "new-slug", sectionId: "s2", tags: ["Council", "Budget"], bylines: ["Ada Reporter", "Bo Editor"], featuredCaption: "x" });
    expect(changes.fields).toEqual([]);
    expect(changes.otherChanges).toEqual(["Slug", "Section", "Bylines", "Featured image"]);
  });

  it("shortens long unchanged stretches but keeps the change and its surroundings", () => {
    const long = "word ".repeat(2000);
    const changes = compareVersions({ ...base, bodyText: `${long}old ending.` }, { ...base, bodyText: `${long}new ending.` });
    const parts = changes.fields[0]!.parts;
    expect(parts.map((p) => p.text).join("").length).toBeLessThan(600);
    expect(parts).toContainEqual({ kind: "removed", text: "old" });
    expect(parts).toContainEqual({ kind: "added", text: "new" });
    expect(parts[0]!.text.startsWith("…")).toBe(true);
  });

  it("finds no change between identical versions", () => {
    expect(compareVersions(base, { ...base, tags: [...base.tags] })).toEqual({ fields: [], otherChanges: [] });
  });
});
