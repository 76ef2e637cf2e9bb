import { readFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { expectSaved, openNewStory, storyBody } from "./support/editor-session";

const GOOGLE_DOCS_HTML = readFileSync(path.join(__dirname, "../components/editor/paste/fixtures/google-docs.html"), "utf8");
// A 1×1 PNG carried in the clipboard itself, as some apps copy a picture.
const PIXEL = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

/** The working copy as the server stored it (the desk's JSON API). */
async function storedBody(page: Page): Promise<unknown> {
  const story = (await (await page.request.get(`/api/stories/${page.url().split("/").pop()}`)).json()) as { body: unknown };
  return story.body;
}

async function startStory(page: Page, headline: string) {
  await openNewStory(page, headline);
  await storyBody(page).click();
}

/**
 * Puts HTML on the system clipboard and pastes it with Ctrl+V, so the editor gets the browser's
 * own paste event with the browser's own clipboard data.
 */
async function pasteHtml(page: Page, html: string, plain: string) {
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.evaluate(
    async ([markup, text]) => {
      await navigator.clipboard.write([
        new ClipboardItem({ "text/html": new Blob([markup], { type: "text/html" }), "text/plain": new Blob([text], { type: "text/plain" }) }),
      ]);
    },
    [html, plain] as const,
  );
  await storyBody(page).focus();
  await page.keyboard.press("Control+v");
}

/** Everything is saved as typed: wait until the server has it, and the working copy it writes from it (at most a second later). */
async function saveAndWait(page: Page) {
  await expectSaved(page);
  await page.waitForTimeout(1_500);
}

test("pasting a Google Docs document keeps its heading, table, footnote marker and list, and says the hot-linked image was left out", async ({ editorPage: page }) => {
  await startStory(page, `Pasted from Docs ${Date.now().toString(36)}`);
  await pasteHtml(page, GOOGLE_DOCS_HTML, "Market stalls return to the square");

  const body = storyBody(page);
  await expect(body.getByRole("heading", { level: 2, name: "Market stalls return to the square" })).toBeVisible();
  await expect(body.locator("sup").first()).toHaveText("1");
  await expect(body.locator("sub")).toHaveText("2");
  const table = body.getByRole("table");
  await expect(table.getByRole("columnheader")).toHaveText(["Year", "Stalls"]);
  await expect(table.getByRole("row")).toHaveCount(3);
  // Cells, not one run-together line ("YearStalls20160202640").
  await expect(table.getByRole("cell")).toHaveText(["2016", "0202", "2017", "640"]);
  await expect(body.getByRole("listitem")).toHaveCount(2);
  await expect(body.locator("img")).toHaveCount(0);
  await expect(page.getByText("1 image from the pasted text was left out: story images must come from the newsroom's media library.")).toBeVisible();

  // With the caret in the table, its caption can be written; it names the table for readers.
  await table.getByRole("cell", { name: "2017" }).click();
  await page.getByRole("textbox", { name: "Table caption" }).fill("Market stalls by year");

  // What the server stored is the same document: the table with its header row.
  await page.getByRole("combobox", { name: "Section" }).selectOption({ label: "Media Center › Coalition News" });
  await saveAndWait(page);
  const stored = JSON.stringify(await storedBody(page));
  expect(stored).toContain('"type":"tableHeader"');
  expect(stored).toContain('"type":"superscript"');
  expect(stored).not.toContain("googleusercontent");

  // Published, the table is a named region that scrolls sideways on a phone; the page does not.
  await page.getByRole("button", { name: "Publish now" }).click();
  await expect(page.getByText("Status: Published")).toBeVisible({ timeout: 20_000 });
  const live = await page.getByRole("link", { name: "View live" }).getAttribute("href");
  const reader = await page.context().browser()!.newContext({ viewport: { width: 360, height: 740 } });
  const phone = await reader.newPage();
  await phone.goto(live!);
  const region = phone.getByRole("region", { name: "Market stalls by year" });
  await expect(region).toBeVisible();
  await expect(region.locator("caption")).toHaveText("Market stalls by year");
  await expect(region.getByRole("columnheader", { name: "Year" })).toHaveAttribute("scope", "col");
  await expect(phone.locator(".article-body sup").first()).toHaveText("1");
  const widths = await phone.evaluate(() => ({ page: document.documentElement.scrollWidth, viewport: window.innerWidth }));
  expect(widths.page).toBeLessThanOrEqual(widths.viewport);
  await reader.close();
});

test("a picture carried in the clipboard is uploaded through the media library and lands where it was", async ({ reporterPage: page }) => {
  await startStory(page, `Pasted picture ${Date.now().toString(36)}`);
  await pasteHtml(page, `<p>Before the chart.</p><p><img src="${PIXEL}" alt="Stalls chart"></p><p>After the chart.</p>`, "Before the chart. After the chart.");

  const figure = storyBody(page).locator("figure img");
  await expect(figure).toHaveAttribute("src", /^\/media\/[0-9a-f-]+-w\d+\.(webp|jpg)$/, { timeout: 20_000 });
  await expect(figure).toHaveAttribute("alt", "Stalls chart");
  // In place: after the first paragraph, before the second.
  const order = await storyBody(page).evaluate((el) => Array.from(el.children).map((child) => child.tagName + ":" + (child.textContent ?? "").trim()));
  expect(order.slice(0, 3)).toEqual(["P:Before the chart.", "FIGURE:", "P:After the chart."]);
});

test("links: a bare domain gets https://, an address mailto:, and a full stop typed after a link is not part of it", async ({ reporterPage: page }) => {
  await startStory(page, `Links ${Date.now().toString(36)}`);
  const body = storyBody(page);

  // Typed: the link is made when the word ends, and the full stop stays outside it.
  await page.keyboard.type("Buy example.org/bread. Then go.");
  const typed = body.getByRole("link", { name: "example.org/bread" });
  await expect(typed).toHaveAttribute("href", "https://example.org/bread");
  await expect(body.getByRole("link")).toHaveCount(1);

  // Through the link form, with the address typed without a scheme.
  await page.keyboard.press("Enter");
  await page.keyboard.type("Write to the desk");
  await page.keyboard.press("Shift+Home");
  await page.keyboard.press("Control+k");
  await page.getByRole("textbox", { name: "Link address" }).fill("desk@example.org");
  await page.getByRole("button", { name: "Apply link" }).click();
  await expect(body.getByRole("link", { name: "Write to the desk" })).toHaveAttribute("href", "mailto:desk@example.org");

  await page.keyboard.press("End");
  await page.keyboard.press("Enter");
  await page.keyboard.type("Our report");
  await page.keyboard.press("Shift+Home");
  await page.keyboard.press("Control+k");
  await page.getByRole("textbox", { name: "Link address" }).fill("example.org/bread");
  await page.getByRole("button", { name: "Apply link" }).click();
  const formLink = body.getByRole("link", { name: "Our report" });
  await expect(formLink).toHaveAttribute("href", "https://example.org/bread");
  // Typing on at the end of a link continues plain text.
  await page.keyboard.press("End");
  await page.keyboard.type(".");
  await expect(formLink).toHaveText("Our report");

  await saveAndWait(page);
  const stored = JSON.stringify(await storedBody(page));
  expect(stored).toContain('"href":"https://example.org/bread"');
  expect(stored).toContain('"href":"mailto:desk@example.org"');
  expect(stored).not.toContain('"href":"example.org');
});
