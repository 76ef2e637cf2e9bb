import { expect, test, type APIRequestContext, type BrowserContext, type Page } from "@playwright/test";
import { parseSeedArticle } from "../lib/stories/sample/parse-seed-article";
import { SEED_ARTICLE_TEXT } from "../lib/stories/sample/seed-article";
import { suggestSlug } from "../lib/stories/slug";
import { hook, publishStory } from "./support/hooks";
import { adminContext, ADMIN } from "./support/newsroom";

/**
 * What a newcomer reading the site meets: pages that fit the phone in both directions, Arabic pages
 * that are Arabic from the skip link to the footer, sharing cards, hreflang alternates and a 404
 * with the site's navigation. Serial: the newsroom's language is switched to Arabic for one test
 * and back (workers: 1, so no other journey sees it).
 */
test.describe.configure({ mode: "serial" });

const RUN = Date.now().toString(36);
const sample = parseSeedArticle(SEED_ARTICLE_TEXT);
const SAMPLE_PATH = `/media-center/coalition-news/${suggestSlug(sample.headline)}`;
const TAG = `Diplomacy ${RUN}`;
const TAG_PATH = `/tags/${suggestSlug(TAG)}`;
const AUTHOR_PATH = `/authors/${suggestSlug(ADMIN.name)}`;

let admin: BrowserContext;
let api: APIRequestContext;
let english: { storyId: string; path: string };
let arabic: { storyId: string; path: string };

test.beforeAll(async ({ browser }) => {
  admin = await adminContext(browser);
  api = admin.request;
  english = await publishStory(api, {
    headline: `Delegations return to the table ${RUN}`,
    sectionPath: "media-center/coalition-news",
    slug: `delegations-return-${RUN}`,
    body: "Both delegations returned to the talks on Monday.",
    bylines: ["me"],
    tags: [TAG],
  });
  arabic = await publishStory(api, {
    headline: `عودة الوفود إلى طاولة المفاوضات ${RUN}`,
    sectionPath: "media-center/coalition-news",
    slug: `delegations-return-ar-${RUN}`,
    language: "ar",
    body: "عاد الوفدان إلى المحادثات يوم الاثنين.",
    sourceLine: "المصدر: الائتلاف",
    bylines: ["me"],
    tags: [TAG],
  });
  await hook(api, "link", { storyIds: [english.storyId, arabic.storyId] });
});

test.afterAll(async () => {
  // Whatever happened, the newsroom speaks English again for the journeys after this one.
  if (api) await hook(api, "newsroom-language", { language: "en" });
  await admin?.close();
});

const VIEWPORTS = [
  { width: 390, height: 844 },
  { width: 1440, height: 900 },
];

function pageTypes(articlePath: string): [string, string][] {
  return [
    ["home", "/"],
    ["section", "/media-center"],
    ["article", articlePath],
    ["author", AUTHOR_PATH],
    ["tag", TAG_PATH],
    ["search", `/search?q=${encodeURIComponent(RUN)}`],
    ["404", `/no-such-page-${RUN}`],
  ];
}

async function expectFitsViewport(page: Page, label: string, viewport: { width: number; height: number }): Promise<void> {
  const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth, inner: window.innerWidth }));
  expect(widths.scroll, `${label} at ${viewport.width}x${viewport.height}: scrollWidth`).toBe(viewport.width);
  expect(widths.inner, `${label}: the browser did not zoom out`).toBe(viewport.width);
}

test("every public page type fits a 390 px phone and a 1440 px screen, in English and in Arabic", async ({ browser }) => {
  test.setTimeout(180_000);
  for (const viewport of VIEWPORTS) {
    const context = await browser.newContext({ viewport, isMobile: viewport.width < 500, hasTouch: viewport.width < 500 });
    const page = await context.newPage();
    for (const [kind, path] of pageTypes(english.path)) {
      await page.goto(path);
      await expect(page.locator("html")).toHaveAttribute("dir", "ltr");
      await expectFitsViewport(page, `English ${kind}`, viewport);
    }
    await context.close();
  }

  await hook(api, "newsroom-language", { language: "ar" });
  try {
    for (const viewport of VIEWPORTS) {
      const context = await browser.newContext({ viewport, isMobile: viewport.width < 500, hasTouch: viewport.width < 500 });
      const page = await context.newPage();
      for (const [kind, path] of pageTypes(arabic.path)) {
        await page.goto(path);
        await expect(page.locator("html"), `${kind} is an Arabic page`).toHaveAttribute("dir", "rtl");
        await expectFitsViewport(page, `Arabic ${kind}`, viewport);
      }
      await context.close();
    }
  } finally {
    await hook(api, "newsroom-language", { language: "en" });
  }
});

test("an Arabic newsroom's pages are Arabic: navigation, labels, search, pagination and 404", async ({ page }) => {
  await hook(api, "newsroom-language", { language: "ar" });
  try {
    await page.goto("/");
    await expect(page.locator("html")).toHaveAttribute("lang", "ar");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("آخر الأخبار");
    await expect(page.getByRole("link", { name: "انتقل إلى المحتوى" })).toBeAttached();
    const nav = page.getByRole("navigation", { name: "الأقسام" });
    await expect(nav.getByRole("link", { name: "بحث" })).toHaveAttribute("href", "/search");
    await expect(page.locator("footer")).toContainText("يُنشر باستخدام Dateline");

    await page.goto(`/search?q=${encodeURIComponent(RUN)}`);
    await expect(page.getByRole("searchbox", { name: "بحث" })).toHaveValue(RUN);
    await expect(page.getByRole("button", { name: "ابحث في الأخبار" })).toBeVisible();
    await expect(page.getByRole("heading", { level: 2 })).toContainText("نتائج البحث عن");

    await page.goto(TAG_PATH);
    await expect(page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: "الرئيسية" })).toBeVisible();

    const missing = await page.goto(`/no-such-page-${RUN}`);
    expect(missing?.status()).toBe(404);
    await expect(page.locator("html")).toHaveAttribute("lang", "ar");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("الصفحة غير موجودة");
    await expect(page.getByRole("navigation", { name: "الأقسام" }).getByRole("link", { name: "Media Center" })).toHaveAttribute("href", "/media-center");
  } finally {
    await hook(api, "newsroom-language", { language: "en" });
  }
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Latest news");
});

test("an Arabic article in an English newsroom: Arabic chrome and dates, hreflang alternates both ways", async ({ page, baseURL }) => {
  await page.goto(arabic.path);
  await expect(page.locator("html")).toHaveAttribute("lang", "ar");
  await expect(page.getByRole("navigation", { name: "الأقسام" }).getByRole("link", { name: "بحث" })).toBeVisible();
  await expect(page.getByRole("link", { name: "انتقل إلى المحتوى" })).toBeAttached();
  await expect(page.locator(".byline")).toHaveText(`بقلم ${ADMIN.name}`);
  await expect(page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: "الرئيسية" })).toBeVisible();
  // The dateline in Arabic: Arabic weekday and month, Arabic-Indic digits.
  const dateline = page.locator("article .article-dateline time").first();
  await expect(dateline).toHaveText(/^[\u0600-\u06FF]+، [٠-٩]{2} [\u0600-\u06FF]+ [٠-٩]{4} [٠-٩]{2}:[٠-٩]{2}$/);
  await expect(page.locator("footer")).toContainText("يُنشر باستخدام Dateline");
  await expect(page.locator('link[rel="alternate"][hreflang="en"]')).toHaveAttribute("href", `${baseURL}${english.path}`);
  await expect(page.locator('link[rel="alternate"][hreflang="ar"]')).toHaveAttribute("href", `${baseURL}${arabic.path}`);
  await expect(page.locator('link[rel="alternate"][hreflang="x-default"]')).toHaveAttribute("href", `${baseURL}${english.path}`);
  await expect(page.getByRole("link", { name: /English/ })).toHaveAttribute("hreflang", "en");

  await page.goto(english.path);
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: "Search" })).toBeVisible();
  await expect(page.locator('link[rel="alternate"][hreflang="ar"]')).toHaveAttribute("href", `${baseURL}${arabic.path}`);
});

test("sharing cards: image, large card, publisher logo, locale; the sample article's source is its author", async ({ page, baseURL }) => {
  await page.goto(SAMPLE_PATH);
  const share = `${baseURL}/share-default.png`;
  await expect(page.locator('meta[property="og:image"]')).toHaveAttribute("content", share);
  await expect(page.locator('meta[name="twitter:card"]')).toHaveAttribute("content", "summary_large_image");
  await expect(page.locator('meta[name="twitter:image"]')).toHaveAttribute("content", share);
  await expect(page.locator('meta[property="og:locale"]')).toHaveAttribute("content", "en_GB");
  const ld = JSON.parse((await page.locator('script[type="application/ld+json"]').first().textContent()) ?? "null") as Record<string, unknown>;
  expect(ld.image).toEqual([share]);
  expect(ld.author).toEqual([{ "@type": "Organization", name: "Syrian Office’s Media Office+ Agencies" }]);
  expect(ld.publisher).toMatchObject({ logo: { "@type": "ImageObject", url: `${baseURL}/logo.png` } });

  for (const file of ["/share-default.png", "/logo.png", "/logo.svg", "/favicon.ico", "/icon.svg", "/apple-touch-icon.png"]) {
    const response = await page.request.get(file);
    expect(response.status(), file).toBe(200);
    expect(response.headers()["content-type"], file).toMatch(/^image\//);
  }
  const image = await page.request.get("/share-default.png");
  const png = await image.body();
  // PNG header: width and height at bytes 16-23.
  expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1200, 630]);

  await page.goto(arabic.path);
  await expect(page.locator('meta[property="og:locale"]')).toHaveAttribute("content", "ar_AR");
  await expect(page.locator('meta[property="og:locale:alternate"]')).toHaveAttribute("content", "en_GB");
});

test("the front page lists each story once, and the 404 page has the site navigation", async ({ page }) => {
  await page.goto("/");
  const hrefs = await page.locator("main a[href]").evaluateAll((links) => links.map((a) => a.getAttribute("href")!).filter((href) => href.split("/").length > 3));
  expect(hrefs.length).toBeGreaterThan(0);
  expect(hrefs.filter((href, i) => hrefs.indexOf(href) !== i), "stories listed twice").toEqual([]);

  const response = await page.goto(`/no-such-page-${RUN}`);
  expect(response?.status()).toBe(404);
  const nav = page.getByRole("navigation", { name: "Sections" });
  await expect(nav.getByRole("link", { name: "Media Center" })).toHaveAttribute("href", "/media-center");
  await expect(nav.getByRole("link", { name: "Search" })).toHaveAttribute("href", "/search");
});
