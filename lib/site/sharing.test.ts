import { describe, expect, it } from "vitest";
import { articleMetadata, ogLocale } from "./metadata";
import { newsArticleJsonLd, sourceName } from "./structured-data";
import type { SiteArticle, SiteSettings } from "./types";

const ORIGIN = "https://news.example.org";
const SETTINGS: SiteSettings = { name: "The Gazette", timeZone: "Asia/Damascus", defaultLanguage: "en" };

function article(overrides: Partial<SiteArticle> = {}): SiteArticle {
  return {
    id: "00000000-0000-4000-8000-000000000001",
    revisionId: "00000000-0000-4000-8000-000000000002",
    headline: "Talks resume",
    standfirst: "Both sides return.",
    html: "<p>Body.</p>",
    bodyText: "Body.",
    sourceLine: "",
    slug: "talks-resume",
    path: "/news/talks-resume",
    language: "en",
    sectionId: null,
    bylines: [],
    tags: [],
    seoTitle: "",
    seoDescription: "",
    firstPublishedAt: "2016-12-01T16:10:00.000Z",
    lastPublishedAt: "2016-12-01T16:10:00.000Z",
    image: null,
    translationGroupId: null,
    ...overrides,
  };
}

const jsonLd = (a: SiteArticle) => newsArticleJsonLd({ article: a, corrections: [], lineage: [], newsroomName: SETTINGS.name, origin: ORIGIN, description: "d" });

describe("sharing cards", () => {
  it("an article without a featured image shares the newsroom's default image, as a large card", () => {
    const meta = articleMetadata(article(), [], SETTINGS, ORIGIN);
    expect(meta.openGraph).toMatchObject({ images: [{ url: `${ORIGIN}/share-default.png`, width: 1200, height: 630 }], locale: "en_GB" });
    expect(meta.twitter).toMatchObject({ card: "summary_large_image", images: [`${ORIGIN}/share-default.png`] });
    expect(jsonLd(article()).image).toEqual([`${ORIGIN}/share-default.png`]);
  });

  it("an article with a featured image shares that image", () => {
    const image = { src: "/media/abc", width: 1600, height: 900, alt: "Delegates", srcSet: "", avifSrcSet: "", caption: "", credit: "" };
    const meta = articleMetadata(article({ image }), [], SETTINGS, ORIGIN);
    expect(meta.openGraph).toMatchObject({ images: [{ url: `${ORIGIN}/media/abc`, width: 1600, height: 900, alt: "Delegates" }] });
    expect(jsonLd(article({ image })).image).toEqual([`${ORIGIN}/media/abc`]);
  });

  it("og:locale is language_TERRITORY, with the translations as alternates and hreflang links", () => {
    const translations = [
      { storyId: "00000000-0000-4000-8000-000000000001", language: "en", headline: "Talks resume", path: "/news/talks-resume" },
      { storyId: "00000000-0000-4000-8000-000000000009", language: "ar", headline: "استئناف", path: "/news/ar-talks" },
    ];
    const meta = articleMetadata(article(), translations, SETTINGS, ORIGIN);
    expect(meta.openGraph).toMatchObject({ locale: "en_GB", alternateLocale: ["ar_AR"] });
    expect(meta.alternates?.languages).toEqual({ en: `${ORIGIN}/news/talks-resume`, ar: `${ORIGIN}/news/ar-talks`, "x-default": `${ORIGIN}/news/talks-resume` });
    const alone = articleMetadata(article(), translations.slice(0, 1), SETTINGS, ORIGIN);
    expect(alone.alternates?.languages).toBeUndefined();
    for (const code of ["en", "ar", "fr", "fa", "ku"]) expect(ogLocale(code)).toMatch(/^[a-z]{2,3}_[A-Z]{2}$/);
  });

  it("the publisher has a logo", () => {
    expect(jsonLd(article()).publisher).toMatchObject({ logo: { "@type": "ImageObject", url: `${ORIGIN}/logo.png`, width: 512, height: 512 } });
  });

  it("a story without a byline names its source as the author", () => {
    expect(jsonLd(article({ sourceLine: "(Source: Syrian Office’s Media Office+ Agencies)" })).author).toEqual([{ "@type": "Organization", name: "Syrian Office’s Media Office+ Agencies" }]);
    expect(jsonLd(article({ sourceLine: "" })).author).toEqual([{ "@type": "Organization", name: "The Gazette", url: `${ORIGIN}/` }]);
    expect(jsonLd(article({ sourceLine: "Reuters", bylines: [{ name: "Ada", slug: null }] })).author).toEqual([{ "@type": "Person", name: "Ada" }]);
  });

  it("reads the name out of every way a source line is written", () => {
    expect(sourceName("(Source: AFP)")).toBe("AFP");
    expect(sourceName("Source: AFP")).toBe("AFP");
    expect(sourceName("(المصدر: الائتلاف)")).toBe("الائتلاف");
    expect(sourceName("Reuters: London")).toBe("Reuters: London");
  });
});
