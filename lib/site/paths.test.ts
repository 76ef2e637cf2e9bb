import { describe, expect, it } from "vitest";
import { articlePath, parsePublicPath, sectionHref } from "./paths";
import { normalizeQuery, parsePageParam, MAX_QUERY_LENGTH } from "./search-params";
import { formatSourceLine, stringsFor } from "./language";
import { descendantIds, sectionLineage, topLevelSections } from "./section-tree";
import type { SiteSection } from "./types";

describe("public paths", () => {
  it("reads home, sections or articles, and section pages", () => {
    expect(parsePublicPath(undefined)).toEqual({ kind: "home" });
    expect(parsePublicPath(["media-center", "coalition-news", "head-of-aleppo"])).toEqual({
      kind: "entry",
      path: "media-center/coalition-news/head-of-aleppo",
      parentPath: "media-center/coalition-news",
      slug: "head-of-aleppo",
    });
    expect(parsePublicPath(["reports"])).toEqual({ kind: "entry", path: "reports", parentPath: "", slug: "reports" });
    expect(parsePublicPath(["media-center", "page", "2"])).toEqual({ kind: "section-page", sectionPath: "media-center", page: 2 });
  });

  it("refuses anything no section or slug can be, before any lookup", () => {
    for (const segments of [["Media-Center"], ["a..b"], ["x", "%00"], ["feed.xml"], ["a", "page", "1"], ["a", "page", "0"], ["a", "page", "-1"], ["a", "page", "99999999"], ["a", "page", "01"], ["x".repeat(101)], Array(9).fill("a"), [""], ["a--b"], ["-a"]]) {
      expect(parsePublicPath(segments), segments.join("/").slice(0, 30)).toEqual({ kind: "invalid" });
    }
  });

  it("builds the addresses back", () => {
    expect(articlePath("media-center/coalition-news", "slug")).toBe("/media-center/coalition-news/slug");
    expect(articlePath(null, "slug")).toBe("/slug");
    expect(sectionHref("reports", 1)).toBe("/reports");
    expect(sectionHref("reports", 3)).toBe("/reports/page/3");
  });
});

describe("query parameters", () => {
  it("accepts a page number or nothing, and nothing else", () => {
    expect(parsePageParam(undefined)).toBe(1);
    expect(parsePageParam("")).toBe(1);
    expect(parsePageParam("7")).toBe(7);
    for (const bad of ["-1", "0", "1.5", "abc", "99999999", "1e3", " 2", ["1", "2"]]) expect(parsePageParam(bad as string), String(bad)).toBeNull();
  });

  it("cuts the search text to a bounded, printable string", () => {
    expect(normalizeQuery("  aleppo  ")).toBe("aleppo");
    expect(normalizeQuery(["first", "second"])).toBe("first");
    expect(normalizeQuery("a\u0000b\u0001c\uE000d")).toBe("a b c d");
    expect(Array.from(normalizeQuery("ح".repeat(10_000)))).toHaveLength(MAX_QUERY_LENGTH);
    expect(normalizeQuery(undefined)).toBe("");
  });
});

describe("language and source lines", () => {
  it("keeps a source line written in parentheses, and wraps a bare one", () => {
    expect(formatSourceLine("(Source: Syrian Office’s Media Office+ Agencies)", "Source")).toBe("(Source: Syrian Office’s Media Office+ Agencies)");
    expect(formatSourceLine("Reuters", "Source")).toBe("(Source: Reuters)");
    expect(formatSourceLine("  ", "Source")).toBe("");
    expect(formatSourceLine("Source: AFP", "Source")).toBe("(Source: AFP)");
    expect(formatSourceLine("المصدر: الائتلاف", "المصدر")).toBe("(المصدر: الائتلاف)");
  });

  it("labels Arabic articles in Arabic and falls back to English elsewhere", () => {
    expect(stringsFor("ar")).toMatchObject({ lang: "ar", strings: { home: "الرئيسية" } });
    expect(stringsFor("tr")).toMatchObject({ lang: "en", strings: { home: "Home" } });
  });
});

describe("section tree", () => {
  const s = (id: string, parentId: string | null, position = 0): SiteSection => ({ id, name: id, slug: id, path: id, parentId, position, description: "" });
  const tree = [s("b", null, 1), s("a", null, 0), s("a1", "a"), s("a1x", "a1"), s("a2", "a", 1), s("loop1", "loop2"), s("loop2", "loop1")];

  it("walks children, lineage and subtrees, and survives a cycle", () => {
    expect(topLevelSections(tree).map((x) => x.id)).toEqual(["a", "b"]);
    expect(descendantIds(tree, "a").sort()).toEqual(["a", "a1", "a1x", "a2"]);
    expect(sectionLineage(tree, "a1x").map((x) => x.id)).toEqual(["a", "a1", "a1x"]);
    expect(sectionLineage(tree, "loop1").length).toBeLessThanOrEqual(2);
    expect(sectionLineage(tree, null)).toEqual([]);
  });
});
