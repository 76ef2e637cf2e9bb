import path from "node:path";
import { expect, test } from "./support/fixtures";
import { parseSeedArticle } from "../lib/stories/sample/parse-seed-article";
import { SEED_ARTICLE_TEXT } from "../lib/stories/sample/seed-article";
import { suggestSlug } from "../lib/stories/slug";

/**
 * The screenshots of the README's "Using Dateline", taken from a real run so they show what a
 * newsroom sees today. Each asserts the page it photographs is the right one before it is taken.
 */
const DIR = path.resolve("docs/screenshots");
const sample = parseSeedArticle(SEED_ARTICLE_TEXT);
const SAMPLE_PATH = `/media-center/coalition-news/${suggestSlug(sample.headline)}`;

test.use({ viewport: { width: 1280, height: 800 } });

test("the desk, the editor, the history and the review queue as an editor sees them", async ({ editorPage: page }) => {
  await page.goto("/desk");
  await expect(page.getByRole("link", { name: "New story" })).toBeVisible();
  await page.screenshot({ path: path.join(DIR, "desk.png") });

  await page.goto("/desk?status=published&q=Aleppo");
  await page.getByRole("link", { name: sample.headline }).first().click();
  await expect(page.getByRole("textbox", { name: "Headline" })).toHaveValue(sample.headline);
  await expect(page.getByRole("textbox", { name: "Story body" })).toContainText("Aleppo");
  await page.screenshot({ path: path.join(DIR, "editor.png") });

  await page.getByRole("link", { name: "History" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("History");
  await page.screenshot({ path: path.join(DIR, "history.png") });

  await page.goto("/desk/review");
  await expect(page.getByRole("heading", { level: 1, name: "Review queue" })).toBeVisible();
  await page.screenshot({ path: path.join(DIR, "review-queue.png") });
});

test("the published sample article, on a desktop and on a phone", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(SAMPLE_PATH);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(sample.headline);
  await page.screenshot({ path: path.join(DIR, "article.png") });
  await context.close();

  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true });
  const phonePage = await phone.newPage();
  await phonePage.goto(SAMPLE_PATH);
  await expect(phonePage.getByRole("heading", { level: 1 })).toHaveText(sample.headline);
  await phonePage.screenshot({ path: path.join(DIR, "article-phone.png") });
  await phone.close();
});
