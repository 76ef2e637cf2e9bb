import { describe, expect, it } from "vitest";
import { parseSeedArticle } from "./parse-seed-article";
import { SEED_ARTICLE_TEXT } from "./seed-article";

describe("the sample article", () => {
  const article = parseSeedArticle(SEED_ARTICLE_TEXT);

  it("has the dateline, headline and source line of the published original", () => {
    expect(article.dateline).toBe("Thursday, 01 December 2016 18:10");
    expect(article.headline).toBe("Head of Aleppo Provincial Council & French FM Calling to Save Aleppo");
    expect(article.sourceLine).toBe("(Source: Syrian Office’s Media Office+ Agencies)");
    expect(article.breadcrumb).toEqual(["Home", "Media Center", "Coalition News", article.headline]);
  });

  it("keeps every paragraph, the last one without its source line", () => {
    expect(article.paragraphs[0]).toMatch(/^Head of Aleppo provincial council on Wednesday pleaded/);
    expect(article.paragraphs.at(-1)).toMatch(/relentless indiscriminate bombardment of Aleppo and its countryside\.$/);
    expect(article.paragraphs.join(" ")).not.toContain("(Source:");
    expect(article.paragraphs).toHaveLength(9);
  });
});
