import { expect, test, type APIRequestContext, type BrowserContext, type Page } from "@playwright/test";
import { parseSeedArticle } from "../lib/stories/sample/parse-seed-article";
import { SEED_ARTICLE_TEXT } from "../lib/stories/sample/seed-article";
import { suggestSlug } from "../lib/stories/slug";
import { expectNoAxeViolations } from "./support/axe";
import { hook, publishStory, queryCount } from "./support/hooks";
import { adminContext, ADMIN } from "./support/newsroom";

/**
 * The public news site as a reader, a feed reader and a crawler see it. The newsroom is created
 * through /setup with "Add sample content" (which publishes the sample article); every other story
 * is published through the test-only hooks (DATELINE_E2E_HOOKS=1, admin session), which call the
 * same commands and revalidation as the desk. Serial: later tests build on earlier stories.
 */
test.describe.configure({ mode: "serial" });

const sample = parseSeedArticle(SEED_ARTICLE_TEXT);
const SAMPLE_PATH = `/media-center/coalition-news/${suggestSlug(sample.headline)}`;
const RUN = Date.now().toString(36);

let admin: BrowserContext;
let api: APIRequestContext;

test.beforeAll(async ({ browser }) => {
  admin = await adminContext(browser);
  api = admin.request;
});

test.afterAll(async () => {
  await admin?.close();
});

function normalize(text: string | null): string {
  return (text ?? "").replace(/\s+/g, " ").trim();
}

async function jsonLd(page: Page): Promise<Record<string, unknown>> {
  const raw = await page.locator('script[type="application/ld+json"]').first().textContent();
  return JSON.parse(raw ?? "null") as Record<string, unknown>;
}

/** Parses XML in the browser: a parser error means the document is not well-formed. */
async function parseXml(page: Page, xml: string): Promise<{ ok: boolean; texts: (selector: string) => Promise<string[]> }> {
  const ok = await page.evaluate((source) => {
    const doc = new DOMParser().parseFromString(source, "application/xml");
    return doc.getElementsByTagName("parsererror").length === 0;
  }, xml);
  return {
    ok,
    texts: (tag: string) =>
      page.evaluate(
        ([source, name]) => {
          const doc = new DOMParser().parseFromString(source, "application/xml");
          return Array.from(doc.getElementsByTagName(name)).map((n) => n.textContent ?? "");
        },
        [xml, tag] as const,
      ),
  };
}

test("a visitor reads the sample article exactly as the fixture, with everything machines need", async ({ page, baseURL }) => {
  const response = await page.goto(SAMPLE_PATH);
  expect(response?.status()).toBe(200);

  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.locator("html")).toHaveAttribute("dir", "ltr");
  const article = page.locator("article");
  await expect(article).toHaveAttribute("lang", "en");
  await expect(article).toHaveAttribute("dir", "ltr");

  const breadcrumb = page.getByRole("navigation", { name: "Breadcrumb" });
  expect(normalize(await breadcrumb.textContent())).toBe(`Home › Media Center › Coalition News › ${sample.headline}`);
  await expect(breadcrumb.getByRole("link", { name: "Home" })).toHaveAttribute("href", "/");
  await expect(breadcrumb.getByRole("link", { name: "Coalition News" })).toHaveAttribute("href", "/media-center/coalition-news");

  await expect(page.getByRole("heading", { level: 1 })).toHaveText(sample.headline);
  const time = article.locator("time").first();
  await expect(time).toHaveText(sample.dateline);
  expect(sample.dateline).toBe("Thursday, 01 December 2016 18:10");
  const iso = await time.getAttribute("datetime");
  expect(new Date(iso!).toISOString()).toBe(iso);

  const paragraphs = await article.locator(".article-body p").allTextContents();
  expect(paragraphs).toEqual(sample.paragraphs);
  await expect(article.locator(".source-line")).toHaveText(sample.sourceLine);
  expect(sample.sourceLine).toBe("(Source: Syrian Office’s Media Office+ Agencies)");
  await expect(page.getByText(/^Updated/)).toHaveCount(0);

  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute("href", `${baseURL}${SAMPLE_PATH}`);
  await expect(page.locator('meta[property="og:title"]')).toHaveAttribute("content", sample.headline);
  await expect(page.locator('meta[property="og:type"]')).toHaveAttribute("content", "article");
  await expect(page.locator('meta[name="twitter:card"]')).toHaveAttribute("content", "summary_large_image");
  await expect(page).toHaveTitle(`${sample.headline} · ${ADMIN.newsroom}`);
  const ld = await jsonLd(page);
  expect(ld).toMatchObject({
    "@type": "NewsArticle",
    headline: sample.headline,
    datePublished: iso,
    inLanguage: "en",
    articleSection: "Coalition News",
    publisher: { name: ADMIN.newsroom },
  });

  // A static document: no framework runtime is shipped with the cached article.
  expect(await page.locator("script[src]").count()).toBe(0);
  await expectNoAxeViolations(page);
});

test("home and section pages list the story; sections nest with breadcrumbs", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Latest news" })).toBeVisible();
  await expect(page.getByRole("link", { name: sample.headline }).first()).toHaveAttribute("href", SAMPLE_PATH);
  await expectNoAxeViolations(page);

  await page.goto("/media-center");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Media Center");
  await expect(page.getByRole("navigation", { name: "In Media Center" }).getByRole("link", { name: "Coalition News" })).toBeVisible();
  await expect(page.getByRole("link", { name: sample.headline })).toBeVisible();

  await page.goto("/media-center/coalition-news");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Coalition News");
  expect(normalize(await page.getByRole("navigation", { name: "Breadcrumb" }).textContent())).toBe("Home › Media Center › Coalition News");
  await expect(page.getByRole("link", { name: sample.headline })).toBeVisible();
  await expect(page.locator('link[rel="alternate"][type="application/rss+xml"]').last()).toHaveAttribute("href", /\/media-center\/coalition-news\/feed\.xml$/);
  await expectNoAxeViolations(page);
});

test("keyboard only: the skip link is first and moves focus to the content", async ({ page }) => {
  await page.goto(SAMPLE_PATH);
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).not.toBeInViewport();
  await page.keyboard.press("Tab");
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/#main$/);
  await page.keyboard.press("Tab");
  // The next stop is inside the article: its breadcrumb.
  await expect(page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: "Home" })).toBeFocused();
});

test("search finds the sample article by “Aleppo”, highlights it, and shrugs off bad input", async ({ page }) => {
  await page.goto("/search");
  await page.getByRole("searchbox", { name: "Search" }).fill("Aleppo");
  await page.getByRole("searchbox", { name: "Search" }).press("Enter");
  await expect(page).toHaveURL(/\/search\?q=Aleppo/);
  const result = page.getByRole("link", { name: sample.headline });
  await expect(result).toHaveAttribute("href", SAMPLE_PATH);
  await expect(page.locator(".search-results mark").first()).toHaveText(/aleppo/i);
  await expectNoAxeViolations(page);

  for (const q of ['"unterminated', "&&|!", "-", "()", "a:*", "' OR 1=1 --", "x".repeat(10_000), "<script>alert(1)</script>"]) {
    const response = await page.goto(`/search?q=${encodeURIComponent(q)}`);
    expect(response?.status(), q.slice(0, 20)).toBe(200);
    await expect(page.getByRole("heading", { level: 1, name: "Search" })).toBeVisible();
  }
  expect((await page.request.get("/search?q=aleppo&page=-1")).status()).toBe(404);
  expect((await page.request.get("/search?q=aleppo&page=99999999")).status()).toBe(404);
  expect((await page.request.get("/search?q=aleppo&page=500")).status()).toBe(200);
});

test("the feeds and sitemaps parse as XML and list the article", async ({ page, baseURL }) => {
  await page.goto("/");
  const url = `${baseURL}${SAMPLE_PATH}`;

  const feed = await page.request.get("/feed.xml");
  expect(feed.status()).toBe(200);
  expect(feed.headers()["content-type"]).toContain("application/rss+xml");
  const rss = await parseXml(page, await feed.text());
  expect(rss.ok).toBe(true);
  expect(await rss.texts("link")).toContain(url);
  expect(await rss.texts("title")).toContain(sample.headline);

  const sectionFeed = await page.request.get("/media-center/coalition-news/feed.xml");
  expect(sectionFeed.status()).toBe(200);
  const sectionRss = await parseXml(page, await sectionFeed.text());
  expect(sectionRss.ok).toBe(true);
  expect(await sectionRss.texts("link")).toContain(url);
  const parentFeed = await parseXml(page, await (await page.request.get("/feed.xml?section=media-center")).text());
  expect(await parentFeed.texts("link")).toContain(url);
  const reportsFeed = await page.request.get("/reports/feed.xml");
  expect(reportsFeed.status()).toBe(200);
  expect(await (await parseXml(page, await reportsFeed.text())).texts("link")).not.toContain(url);
  expect((await page.request.get("/no-such-section/feed.xml")).status()).toBe(404);

  const index = await parseXml(page, await (await page.request.get("/sitemap.xml")).text());
  expect(index.ok).toBe(true);
  const sitemapUrls = await index.texts("loc");
  const locs: string[] = [];
  for (const sitemapUrl of sitemapUrls) {
    const part = await parseXml(page, await (await page.request.get(new URL(sitemapUrl).pathname)).text());
    expect(part.ok).toBe(true);
    locs.push(...(await part.texts("loc")));
  }
  expect(locs).toContain(url);
  expect(locs).toContain(`${baseURL}/media-center/coalition-news`);

  // Google News lists the last 48 hours only: publish a story now and find it there.
  const fresh = await publishStory(api, { headline: `Council meets on water supply ${RUN}`, sectionPath: "reports", body: "The council met on Tuesday." });
  const news = await parseXml(page, await (await page.request.get("/news-sitemap.xml")).text());
  expect(news.ok).toBe(true);
  expect(await news.texts("loc")).toContain(`${baseURL}${fresh.path}`);
  expect(await news.texts("news:title")).toContain(`Council meets on water supply ${RUN}`);
  expect(await news.texts("loc")).not.toContain(url);

  const robots = await (await page.request.get("/robots.txt")).text();
  expect(robots).toContain(`Sitemap: ${baseURL}/sitemap.xml`);
  expect(robots).toContain("Disallow: /desk");
});

test("publishing a new story shows it on home within a second", async ({ page }) => {
  await page.goto("/");
  await page.goto("/reports");
  const headline = `Breaking: aid convoy reaches the city ${RUN}`;
  const story = await publishStory(api, { headline, sectionPath: "reports", body: "The convoy arrived at noon." });
  const published = Date.now();
  await expect.poll(async () => (await page.request.get("/")).text(), { timeout: 1000, intervals: [50, 100] }).toContain(headline);
  expect(Date.now() - published).toBeLessThan(1000);
  await page.goto("/reports");
  await expect(page.getByRole("link", { name: headline })).toHaveAttribute("href", story.path);
  await page.goto(story.path);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(headline);
});

test("a scheduled-style publish from outside any request is visible within seconds", async ({ page }) => {
  await page.goto("/");
  const headline = `Published by the background sweep ${RUN}`;
  const draft = await hook(api, "draft", { headline, sectionPath: "reports", body: "Filed overnight." });
  await hook(api, "publish-in-background", { storyId: draft.storyId });
  await expect.poll(async () => (await page.request.get("/")).text(), { timeout: 3000, intervals: [100] }).toContain(headline);
});

test("a correction shows the corrections block, “Updated”, and reaches JSON-LD", async ({ page }) => {
  const story = await publishStory(api, { headline: `Casualty figures revised ${RUN}`, sectionPath: "media-center/statements", body: "Twelve people were hurt." });
  await page.goto(story.path);
  await expect(page.getByRole("heading", { name: "Corrections" })).toHaveCount(0);
  await expect(page.locator(".article-updated")).toHaveCount(0);
  await hook(api, "update", { storyId: story.storyId, body: "Fourteen people were hurt.", correctionNote: "An earlier version said twelve people were hurt." });
  await page.goto(story.path);
  await expect(page.locator(".article-body")).toHaveText("Fourteen people were hurt.");
  const corrections = page.getByRole("region", { name: "Corrections" });
  await expect(corrections).toContainText("An earlier version said twelve people were hurt.");
  await expect(page.locator(".article-updated")).toContainText("Updated");
  await expect(page.locator(".article-updated time")).toHaveAttribute("datetime", /^\d{4}-/);
  const ld = await jsonLd(page);
  expect(ld.correction).toEqual([expect.objectContaining({ "@type": "CorrectionComment", text: "An earlier version said twelve people were hurt." })]);
  await expectNoAxeViolations(page);
});

test("a changed slug or section answers 301 from every old address; unpublishing answers 410", async ({ page }) => {
  const story = await publishStory(api, { headline: `Ministers meet in Geneva ${RUN}`, sectionPath: "reports", slug: `geneva-${RUN}` });
  expect(story.path).toBe(`/reports/geneva-${RUN}`);
  const renamed = await hook(api, "update", { storyId: story.storyId, slug: `geneva-talks-${RUN}` });
  expect(renamed.path).toBe(`/reports/geneva-talks-${RUN}`);
  const moved = await hook(api, "update", { storyId: story.storyId, sectionPath: "media-center/statements" });
  expect(moved.path).toBe(`/media-center/statements/geneva-talks-${RUN}`);
  for (const old of [story.path, renamed.path]) {
    const response = await page.request.get(old, { maxRedirects: 0 });
    expect(response.status(), old).toBe(301);
    expect(new URL(response.headers()["location"]!, "http://x").pathname).toBe(moved.path);
  }
  expect((await page.request.get(moved.path, { maxRedirects: 0 })).status()).toBe(200);

  await hook(api, "unpublish", { storyId: story.storyId, reason: "Legal review" });
  for (const path of [moved.path, story.path, renamed.path]) {
    const response = await page.request.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBe(410);
  }
  const response = await page.goto(moved.path);
  expect(response?.status()).toBe(410);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("This story has been withdrawn");
  await expectNoAxeViolations(page);
  await page.goto("/");
  await expect(page.getByRole("link", { name: `Ministers meet in Geneva ${RUN}` })).toHaveCount(0);
});

test("an Arabic story is laid out right to left and linked to its English translation", async ({ page, baseURL }) => {
  const arabicHeadline = `مجلس محافظة حلب يدعو إلى ممرات آمنة ${RUN}`;
  const arabic = await publishStory(api, {
    headline: arabicHeadline,
    sectionPath: "media-center/coalition-news",
    language: "ar",
    slug: `aleppo-corridors-ar-${RUN}`,
    body: "دعا رئيس مجلس محافظة حلب إلى وقف الهجوم.\n\nوقال إن المدنيين يطلبون المساعدة.",
    sourceLine: "المصدر: الائتلاف",
  });
  const english = await publishStory(api, {
    headline: `Aleppo council calls for safe corridors ${RUN}`,
    sectionPath: "media-center/coalition-news",
    slug: `aleppo-corridors-${RUN}`,
    body: "The head of the council called for a halt to the assault.",
  });
  await hook(api, "link", { storyIds: [arabic.storyId, english.storyId] });

  await page.goto(arabic.path);
  await expect(page.locator("html")).toHaveAttribute("lang", "ar");
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(page.locator("article")).toHaveAttribute("dir", "rtl");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(arabicHeadline);
  // The site's own words follow the page's language.
  await expect(page.getByRole("navigation", { name: "الأقسام" }).getByRole("link", { name: "بحث" })).toBeVisible();
  const readIn = page.getByRole("link", { name: /English/ });
  await expect(readIn).toHaveAttribute("href", english.path);
  await expect(readIn).toHaveAttribute("hreflang", "en");
  await expect(page.locator('link[rel="alternate"][hreflang="en"]')).toHaveAttribute("href", `${baseURL}${english.path}`);
  await expect(page.locator('link[rel="alternate"][hreflang="ar"]')).toHaveAttribute("href", `${baseURL}${arabic.path}`);
  // Right to left: the breadcrumb starts at the right edge.
  const crumbs = page.getByRole("navigation", { name: "Breadcrumb" });
  const first = await crumbs.locator("li").first().boundingBox();
  const last = await crumbs.locator("li").last().boundingBox();
  expect(first!.x).toBeGreaterThan(last!.x);
  expect((await jsonLd(page)).inLanguage).toBe("ar");
  await expectNoAxeViolations(page);

  await page.goto(english.path);
  await expect(page.locator("html")).toHaveAttribute("dir", "ltr");
  await expect(page.getByRole("link", { name: /العربية/ })).toHaveAttribute("href", arabic.path);
});

test("author and tag pages list the stories bylined and tagged", async ({ page }) => {
  const headline = `Reporter’s notebook from the border ${RUN}`;
  const story = await publishStory(api, { headline, sectionPath: "reports", bylines: ["me", "Agencies"], tags: ["Border crossings"] });
  await page.goto(story.path);
  const byline = page.locator(".byline");
  await expect(byline).toHaveText(`By ${ADMIN.name} and Agencies`);
  await byline.getByRole("link", { name: ADMIN.name }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(ADMIN.name);
  await expect(page.getByRole("link", { name: headline })).toBeVisible();
  await expectNoAxeViolations(page);

  await page.goto(story.path);
  await page.getByRole("navigation", { name: "Tags" }).getByRole("link", { name: "Border crossings" }).click();
  await expect(page).toHaveURL(/\/tags\/border-crossings$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Border crossings");
  await expect(page.getByRole("link", { name: headline })).toBeVisible();
  await expectNoAxeViolations(page);
});

test("a cached article page costs zero database queries, from the page cache and from Next's own", async ({ page }) => {
  // Warm both caches.
  for (const bypass of [false, true]) {
    await page.request.get(SAMPLE_PATH, { headers: bypass ? { "x-dateline-front-cache": "bypass" } : {} });
    const warm = await page.request.get(SAMPLE_PATH, { headers: bypass ? { "x-dateline-front-cache": "bypass" } : {} });
    expect(warm.status()).toBe(200);
  }
  // Each count read costs the hook's own session check (one query); a sweep running in the
  // background may add its own now and then, so compare with a window that reads no page, retrying.
  // The control window lasts as long as the one with the pages (idle), so a sweep that runs once a
  // second has the same chance to fall in either, however slow the machine is.
  const measure = async (requests: number, bypass: boolean, idleMs = 0) => {
    const before = await queryCount(api);
    const started = Date.now();
    for (let i = 0; i < requests; i++) {
      const response = await page.request.get(SAMPLE_PATH, { headers: bypass ? { "x-dateline-front-cache": "bypass" } : {} });
      // Served by the page cache, or (bypassing it) by Next from its own cache.
      if (bypass) expect(response.headers()["x-nextjs-cache"]).toBe("HIT");
      else expect(response.headers()["x-dateline-cache"]).toBe("HIT");
    }
    if (idleMs > 0) await page.waitForTimeout(idleMs);
    return { queries: (await queryCount(api)) - before, ms: Date.now() - started };
  };
  for (const bypass of [false, true]) {
    let proven = false;
    for (let attempt = 0; attempt < 8 && !proven; attempt++) {
      const withPages = await measure(25, bypass);
      const control = await measure(0, bypass, withPages.ms);
      proven = withPages.queries === control.queries;
    }
    expect(proven, bypass ? "Next's cache" : "page cache").toBe(true);
  }
});

test("bad input answers 404 or an empty page, never an error", async ({ page }) => {
  const cases: [string, number[]][] = [
    ["/no-such-page", [404]],
    ["/media-center/no-such-story", [404]],
    ["/Media-Center", [404]],
    ["/media-center/..%2f..%2fetc", [404]],
    ["/media-center/%00", [404]],
    ["/a/b/c/d/e/f/g/h/i/j/k/l", [404]],
    [`/${"x".repeat(2000)}`, [404]],
    ["/media-center?page=-1", [200]],
    ["/media-center/page/99999999", [404]],
    ["/media-center/page/0", [404]],
    ["/media-center/page/abc", [404]],
    ["/media-center/page/400", [404]],
    ["/authors/nobody-at-all", [404]],
    ["/authors/%3Cscript%3E", [404]],
    ["/tags/no-such-tag", [404]],
    ["/tags/no-such-tag?page=2", [404]],
    ["/search?page=abc", [404]],
    ["/feed.xml?section=%3Cx%3E", [404]],
    ["/sitemaps/stories-99999.xml", [404]],
    ["/sitemaps/../../etc/passwd", [404]],
  ];
  for (const [path, statuses] of cases) {
    const response = await page.request.get(path, { maxRedirects: 0 });
    expect(statuses, `${path.slice(0, 60)} -> ${response.status()}`).toContain(response.status());
  }
  expect((await page.request.get("/icon.svg")).status()).toBe(200);
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expectNoAxeViolations(page);
});

test("markup in headlines, bylines and sources renders as text in the page, meta tags, JSON-LD, RSS and sitemaps", async ({ page, baseURL }) => {
  const headline = `<script>alert("h")</script></title><img src=x onerror=alert(1)> & “quotes” ${RUN}`;
  const byline = `<img src=x onerror=alert(2)>`;
  const source = `</p><script>alert(3)</script>`;
  const standfirst = `Line\u2028separator </script><!-- & -->`;
  let dialogs = 0;
  page.on("dialog", async (dialog) => {
    dialogs++;
    await dialog.dismiss();
  });
  const story = await publishStory(api, { headline, sectionPath: "reports", bylines: [byline], sourceLine: source, standfirst, body: "<b>not bold</b> & text" });

  await page.goto(story.path);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(headline);
  await expect(page.locator(".byline")).toHaveText(`By ${byline}`);
  await expect(page.locator(".source-line")).toHaveText(`(Source: ${source})`);
  await expect(page.locator(".article-body")).toHaveText("<b>not bold</b> & text");
  expect(await page.locator('img[src=x], main script:not([type="application/ld+json"]), .article-body b').count()).toBe(0);
  await expect(page).toHaveTitle(`${headline} · ${ADMIN.newsroom}`);
  await expect(page.locator('meta[property="og:title"]')).toHaveAttribute("content", headline);
  await expect(page.locator('meta[name="description"]')).toHaveAttribute("content", standfirst);
  const ld = await jsonLd(page);
  expect(ld.headline).toBe(headline);
  expect(ld.description).toBe(standfirst);
  expect(ld.author).toEqual([{ "@type": "Person", name: byline }]);
  const rawLd = (await page.locator('script[type="application/ld+json"]').textContent()) ?? "";
  expect(rawLd).not.toMatch(/[<>&\u2028\u2029]/);

  const rss = await parseXml(page, await (await page.request.get("/feed.xml")).text());
  expect(rss.ok).toBe(true);
  expect(await rss.texts("title")).toContain(headline);
  expect(await rss.texts("dc:creator")).toContain(byline);
  const news = await parseXml(page, await (await page.request.get("/news-sitemap.xml")).text());
  expect(news.ok).toBe(true);
  expect(await news.texts("news:title")).toContain(headline);
  const index = await parseXml(page, await (await page.request.get("/sitemap.xml")).text());
  const first = await parseXml(page, await (await page.request.get(new URL((await index.texts("loc"))[1]!).pathname)).text());
  expect(first.ok).toBe(true);
  expect(await first.texts("loc")).toContain(`${baseURL}${story.path}`);

  await page.goto("/");
  await expect(page.getByRole("link", { name: headline }).first()).toBeVisible();
  await page.goto(`/search?q=${encodeURIComponent(`quotes ${RUN}`)}`);
  await expect(page.getByRole("link", { name: headline })).toBeVisible();
  expect(await page.locator("img[src=x]").count()).toBe(0);
  expect(dialogs).toBe(0);
});

test("the internal revalidation route and the test hooks refuse strangers", async ({ playwright, baseURL }) => {
  const stranger = await playwright.request.newContext({ baseURL });
  expect((await stranger.post("/api/internal/revalidate", { data: { changes: [] } })).status()).toBe(404);
  expect((await stranger.post("/api/internal/revalidate", { data: { changes: [] }, headers: { "x-dateline-internal-token": "guess" } })).status()).toBe(404);
  expect((await stranger.get("/api/test-hooks/query-count")).status()).toBe(404);
  expect((await stranger.post("/api/test-hooks/create", { data: { headline: "x", sectionPath: "reports" } })).status()).toBe(404);
  await stranger.dispose();
});
