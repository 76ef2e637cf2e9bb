import { describe, expect, it } from "vitest";
import { buildNewsSitemap, buildSitemapIndex, buildUrlSet } from "./feeds";
import { sitemapSchemaErrors } from "@/lib/testing/sitemap-schema";

const ORIGIN = "https://news.example.org";

describe("sitemaps are valid against the sitemaps.org and Google News schemas", () => {
  it("the validator refuses an invalid sitemap (an empty urlset)", async () => {
    const empty = `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n</urlset>\n`;
    expect(await sitemapSchemaErrors(empty)).not.toEqual([]);
  });

  it("the news sitemap with nothing from the last 48 hours", async () => {
    const xml = buildNewsSitemap(ORIGIN, "The Gazette", []);
    expect(await sitemapSchemaErrors(xml)).toEqual([]);
    expect(xml).toContain(`<loc>${ORIGIN}/</loc>`);
    expect(xml).not.toContain("<news:news>");
  });

  it("the news sitemap with stories in several languages", async () => {
    const xml = buildNewsSitemap(ORIGIN, "The Gazette & Co", [
      { path: "/news/one", headline: "Talks <resume> & continue", language: "en", publishedAt: "2026-01-01T10:00:00.000Z" },
      { path: "/news/two", headline: "استئناف المحادثات", language: "ar", publishedAt: "2026-01-01T09:00:00.000Z" },
    ]);
    expect(await sitemapSchemaErrors(xml)).toEqual([]);
    expect(xml.match(/<news:news>/g)).toHaveLength(2);
  });

  it("a story sitemap, empty or not", async () => {
    expect(await sitemapSchemaErrors(buildUrlSet(ORIGIN, []))).toEqual([]);
    expect(await sitemapSchemaErrors(buildUrlSet(ORIGIN, [{ path: "/news/one", lastModified: "2016-12-01T16:10:00.000Z" }, { path: "/", lastModified: "" }]))).toEqual([]);
  });

  it("the sitemap index", async () => {
    expect(await sitemapSchemaErrors(buildSitemapIndex(ORIGIN, ["/sitemaps/sections.xml"]))).toEqual([]);
    expect(await sitemapSchemaErrors(buildSitemapIndex(ORIGIN, ["/sitemaps/sections.xml", "/sitemaps/stories-1.xml"]))).toEqual([]);
  });

  it("a news block missing a required element is refused", async () => {
    const xml = buildNewsSitemap(ORIGIN, "Gazette", [{ path: "/a", headline: "H", language: "en", publishedAt: "2026-01-01T10:00:00.000Z" }]).replace(/<news:title>.*?<\/news:title>/, "");
    expect(await sitemapSchemaErrors(xml)).not.toEqual([]);
  });
});
