import { expect, test, type Page } from "@playwright/test";
import { parseSeedArticle } from "../lib/stories/sample/parse-seed-article";
import { SEED_ARTICLE_TEXT } from "../lib/stories/sample/seed-article";
import { expectNoAxeViolations } from "./support/axe";
import { newContextAs } from "./support/accounts";
import { EDITOR_ADMIN, expectSaved, newSignedInContext, signInAsAdmin, storyBody } from "./support/editor-session";

// A 1×1 PNG: a real image the real upload pipeline (POST /api/media) re-encodes and stores.
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");
async function newStory(page: Page, headline: string) {
  await page.goto("/desk");
  await page.getByRole("link", { name: "New story" }).click();
  await expect(page).toHaveURL(/\/desk\/stories\/new$/);
  await page.getByRole("textbox", { name: "Headline" }).fill(headline);
  await storyBody(page).click();
}

/** The story's working copy as the server has stored it (the desk's JSON API), from its editor URL. */
async function storedStory(page: Page, url: string): Promise<{ headline: string; body: unknown }> {
  return (await page.request.get(`/api/stories/${url.split("/").pop()}`)).json();
}

async function waitForStoryUrl(page: Page): Promise<string> {
  await page.waitForURL(/\/desk\/stories\/[0-9a-f-]{36}$/, { timeout: 20_000 });
  return page.url();
}

test.beforeEach(async ({ page }) => {
  // Leaving a page with unsaved text asks first; the journeys below always mean to leave.
  page.on("dialog", (dialog) => void dialog.accept());
  await signInAsAdmin(page);
});

test("a reporter writes the sample article with a heading, a link and an image, and it all survives a reload", async ({ page }) => {
  const article = parseSeedArticle(SEED_ARTICLE_TEXT);
  await newStory(page, article.headline);
  await page.getByRole("textbox", { name: "Standfirst" }).fill("The council asks for safe corridors for civilians.");

  // No save first: the first autosave creates the story and moves to its own page while the
  // writer is still typing; nothing typed across that move may be lost.
  const body = storyBody(page);
  await expect(body).toHaveAttribute("aria-multiline", "true");
  await body.click();
  for (const [index, paragraph] of article.paragraphs.entries()) {
    if (index === 3) {
      // Markdown shortcut: "## " starts a level-2 heading.
      await page.keyboard.type("## ");
      await page.keyboard.insertText("Civil defense figures");
      await page.keyboard.press("Enter");
    }
    await page.keyboard.insertText(paragraph);
    await page.keyboard.press("Enter");
  }
  await page.keyboard.insertText("Read the minister's statement");
  await page.keyboard.press("Shift+Home");
  await page.keyboard.press("Control+k");
  await page.getByRole("textbox", { name: "Link address" }).fill("https://www.diplomatie.gouv.fr/en/");
  await page.getByRole("button", { name: "Apply link" }).click();
  await page.keyboard.press("End");
  await page.keyboard.press("Enter");

  const chooser = page.waitForEvent("filechooser");
  await page.getByRole("toolbar", { name: "Formatting" }).getByRole("button", { name: "Insert image" }).click();
  await (await chooser).setFiles({ name: "council.png", mimeType: "image/png", buffer: PNG });
  const alt = page.getByRole("textbox", { name: "Image alt text" });
  await expect(alt).toBeFocused();
  await alt.fill("Brita Haji Hasan speaking at the news conference in Paris");
  await page.getByRole("textbox", { name: "Image caption" }).fill("Brita Haji Hasan with Jean-Marc Ayrault");
  await page.getByRole("textbox", { name: "Image credit" }).fill("Photo: Agencies");

  await page.getByRole("textbox", { name: "Source" }).fill(article.sourceLine);
  await page.getByRole("combobox", { name: "Section" }).selectOption({ label: "Media Center › Coalition News" });
  await page.getByRole("combobox", { name: "Tags" }).fill("Aleppo");
  await page.keyboard.press("Enter");
  await expect(page.getByText(/\d+ words · \d+ min read/)).toBeVisible();

  await page.keyboard.press("Control+s");
  const url = await waitForStoryUrl(page);
  await expectSaved(page);
  await expect(page.getByText("Status: Draft")).toBeVisible();
  await expect(page.getByRole("link", { name: "History" })).toBeVisible();
  await expectNoAxeViolations(page);

  await page.reload();
  await expect(page).toHaveURL(url);
  await expect(page.getByRole("textbox", { name: "Headline" })).toHaveValue(article.headline);
  await expect(page.getByRole("textbox", { name: "Standfirst" })).toHaveValue("The council asks for safe corridors for civilians.");
  const reloaded = storyBody(page);
  await expect(reloaded).toContainText(article.paragraphs[0]!);
  await expect(reloaded).toContainText(article.paragraphs.at(-1)!);
  await expect(reloaded.getByRole("heading", { level: 2, name: "Civil defense figures" })).toBeVisible();
  await expect(reloaded.getByRole("link", { name: "Read the minister's statement" })).toHaveAttribute("href", "https://www.diplomatie.gouv.fr/en/");
  await expect(reloaded.locator("figure img")).toHaveAttribute("alt", "Brita Haji Hasan speaking at the news conference in Paris");
  await expect(reloaded.locator("figure figcaption")).toContainText("Brita Haji Hasan with Jean-Marc Ayrault");
  await expect(reloaded.locator("figure figcaption .credit")).toHaveText("Photo: Agencies");
  await expect(page.getByRole("textbox", { name: "Source" })).toHaveValue(article.sourceLine);
  await expect(page.getByRole("combobox", { name: "Section" }).locator("option:checked")).toHaveText("Media Center › Coalition News");
  await expect(page.getByRole("list", { name: "Tags on this story" })).toContainText("Aleppo");
  await expect(page.getByRole("status")).toHaveText("Saved");
  await expect(page.getByText(/[1-9][\d,]* words · \d+ min read/)).toBeVisible();
  await expectNoAxeViolations(page);
});

test("typing straight through the first save loses nothing: the editor moves to the story's page with the writer", async ({ page }) => {
  await newStory(page, "Typing through the first save");
  await page.keyboard.insertText("Before the save.");
  await page.keyboard.press("Enter");
  // Saving creates the story and changes the page to /desk/stories/<id>; keep typing, one key at
  // a time, through that change: a heading shortcut, words, a new paragraph, more words. (The
  // first key typed into a just-made empty block is where Chromium used to misplace characters.)
  await page.keyboard.press("Control+s");
  const expected = ["Before the save."];
  for (let i = 1; i <= 60; i++) {
    if (i % 20 === 1) {
      if (i > 1) await page.keyboard.press("Enter");
      await page.keyboard.type(`## Heading ${i}`);
      await page.keyboard.press("Enter");
      expected.push(`Heading ${i}`, "");
    }
    await page.keyboard.type(`word${i} `);
    expected[expected.length - 1] += `word${i} `;
  }
  const url = await waitForStoryUrl(page);
  await expect(storyBody(page)).toBeFocused();
  // Whatever was typed after the first save is saved by the story's page without another key.
  await expect.poll(async () => JSON.stringify((await storedStory(page, url)).body), { timeout: 20_000 }).toContain("word60 ");
  await expectSaved(page);
  await page.keyboard.type("after.");
  expected[expected.length - 1] += "after.";
  await expectSaved(page);
  // Every block's text, in order (the editor keeps an empty paragraph after a trailing heading or
  // figure, so an empty last one is not the writer's).
  const blocks = async () => {
    const texts = await storyBody(page).locator(":scope > p, :scope > h2").allTextContents();
    return texts.at(-1) === "" ? texts.slice(0, -1) : texts;
  };
  await expect.poll(blocks).toEqual(expected);
  await expect(storyBody(page).getByRole("heading", { level: 2 })).toHaveText(["Heading 1", "Heading 21", "Heading 41"]);
  await page.reload();
  await expect(page).toHaveURL(url);
  await expect(storyBody(page)).toContainText("after.");
  expect(await blocks()).toEqual(expected);
  // The hand-over left no copy behind to be offered as lost text.
  await expect(page.getByRole("heading", { name: "Unsaved text found in this browser" })).toHaveCount(0);
});

test("text typed while the story's own page is still loading is saved by it, with no further key", async ({ page }) => {
  // A slow network (or a busy server) between the first save and the story's page appearing.
  await page.route(/\/desk\/stories\/[0-9a-f-]{36}(\?|$)/, async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    await route.continue();
  });
  await newStory(page, "Typed while the page loads");
  await page.keyboard.insertText("Saved first.");
  await page.keyboard.press("Control+s");
  await expect(page.getByRole("link", { name: "History" })).toBeVisible();
  await page.keyboard.type(" Typed before the page changed.");
  const url = await waitForStoryUrl(page);
  await expect(storyBody(page)).toBeFocused();
  await expect
    .poll(async () => JSON.stringify((await storedStory(page, url)).body), { timeout: 20_000 })
    .toContain("Saved first. Typed before the page changed.");
  await page.unrouteAll({ behavior: "ignoreErrors" });
});

test("typing in the headline through the first save: the headline keeps every key and the focus", async ({ page }) => {
  await newStory(page, "Council");
  await page.keyboard.insertText("The body is here.");
  const headline = page.getByRole("textbox", { name: "Headline" });
  await headline.click();
  await page.keyboard.press("End");
  await page.keyboard.press("Control+s");
  const more = " approves the budget after a long night of talks";
  await page.keyboard.type(more);
  const url = await waitForStoryUrl(page);
  await expect(headline).toBeFocused();
  await expect.poll(async () => (await storedStory(page, url)).headline, { timeout: 20_000 }).toBe(`Council${more}`);
  await page.keyboard.type(".");
  await expect(headline).toHaveValue(`Council${more}.`);
  await expectSaved(page);
  await page.reload();
  await expect(page.getByRole("textbox", { name: "Headline" })).toHaveValue(`Council${more}.`);
  await expect(storyBody(page)).toHaveText("The body is here.");
});

test("two sessions edit one story: the second sees Conflict, both texts are kept, and each sees the other", async ({ page, browser }) => {
  await newStory(page, "Council budget vote delayed");
  await page.keyboard.insertText("The vote was delayed.");
  await page.getByRole("button", { name: "Save" }).click();
  const url = await waitForStoryUrl(page);
  await expectSaved(page);

  const second = await newSignedInContext(browser);
  const other = second.page;
  other.on("dialog", (dialog) => void dialog.accept());
  await other.goto(url);
  await expect(storyBody(other)).toContainText("The vote was delayed.");

  // Presence: both tabs belong to the same person, and each counts as a writer.
  await expect(page.getByText(`${EDITOR_ADMIN.name} (you, in another tab) is also editing`)).toBeVisible({ timeout: 15_000 });
  await expect(other.getByText(`${EDITOR_ADMIN.name} (you, in another tab) is also editing`)).toBeVisible({ timeout: 15_000 });

  await storyBody(page).click();
  await page.keyboard.press("Control+End");
  await page.keyboard.insertText(" Alpha says the session resumes Monday.");
  await expectSaved(page);

  await storyBody(other).click();
  await other.keyboard.press("Control+End");
  await other.keyboard.insertText(" Beta says the mayor objected.");
  await expect(other.getByRole("status")).toContainText("Conflict", { timeout: 20_000 });
  const conflict = other.getByRole("region", { name: "Someone else saved this story first" });
  await expect(conflict.getByRole("group", { name: /Your version/ })).toContainText("Beta says the mayor objected.");
  await expect(conflict.getByRole("group", { name: /Their version/ })).toContainText("Alpha says the session resumes Monday.");
  // Word diff: only the differing words are marked.
  expect((await conflict.locator("ins").allTextContents()).join(" ")).toMatch(/Beta.*mayor objected/);
  expect((await conflict.locator("del").allTextContents()).join(" ")).toMatch(/Alpha.*session resumes Monday/);

  await conflict.getByRole("button", { name: "Keep mine" }).click();
  await expectSaved(other);
  await expect(storyBody(other)).toContainText("Beta says the mayor objected.");

  // The text that lost is still in the history.
  await other.getByRole("link", { name: "History" }).click();
  await expect(other.getByRole("heading", { level: 1, name: "History" })).toBeVisible();
  const replaced = other.getByRole("row").filter({ hasText: "Version replaced while resolving a conflict" });
  await replaced.getByRole("link").click();
  await other.getByText(/^Full text of Version \d+$/).click();
  await expect(other.locator(".revision-text-body")).toContainText("The vote was delayed. Alpha says the session resumes Monday.");
  await expectNoAxeViolations(other);
  await second.context.close();
});

test("an Arabic story is typed and shown right to left", async ({ page }) => {
  await newStory(page, "مجلس حلب يطالب بممرات آمنة للمدنيين");
  await page.getByRole("combobox", { name: "Story language" }).selectOption("ar");
  const body = storyBody(page);
  await expect(body).toHaveAttribute("dir", "rtl");
  await expect(body).toHaveAttribute("lang", "ar");
  await body.click();
  await page.keyboard.insertText("طالب رئيس مجلس محافظة حلب بوقف القصف على الأحياء الشرقية.");
  await page.keyboard.press("Enter");
  await page.keyboard.insertText("وقال إن المدنيين يطلبون المساعدة.");
  await expect(page.getByRole("textbox", { name: "Headline" })).toHaveAttribute("dir", "rtl");
  await expect(page.getByRole("textbox", { name: "Slug" })).toHaveValue(/^[a-z0-9-]+$/);
  await page.getByRole("button", { name: "Save" }).click();
  await waitForStoryUrl(page);
  await expectSaved(page);

  await page.reload();
  const reloaded = storyBody(page);
  await expect(reloaded).toHaveAttribute("dir", "rtl");
  await expect(reloaded).toContainText("طالب رئيس مجلس محافظة حلب");
  await expect(reloaded).toContainText("وقال إن المدنيين يطلبون المساعدة.");
  const direction = await reloaded.evaluate((el) => getComputedStyle(el).direction);
  expect(direction).toBe("rtl");
  await expectNoAxeViolations(page);
});

test("text pasted from Word and Google Docs arrives clean", async ({ page }) => {
  await newStory(page, "Pasted statement");
  const wordHtml = `<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><style>p.MsoNormal{margin:0}</style></head><body>
    <p class="MsoNormal" style="margin-bottom:0cm;line-height:normal"><span style="font-size:12.0pt;font-family:'Times New Roman';color:#1F3864">The council
    <b style="mso-bidi-font-weight:normal">demanded</b> <i>safe corridors</i><o:p></o:p></span></p>
    <p class="MsoNormal"><font face="Arial" color="red">Second paragraph</font><span style="mso-spacerun:yes">&nbsp;</span><script>alert(1)</script></p>
    <table><tr><td>cell text</td></tr></table></body></html>`;
  const docsHtml = `<meta charset="utf-8"><b style="font-weight:normal;" id="docs-internal-guid-1"><p dir="ltr" style="line-height:1.38"><span style="font-size:11pt;font-family:Arial;color:#000000;font-weight:700">Docs bold</span><span style="font-size:11pt"> and plain</span></p></b>`;
  for (const html of [wordHtml, docsHtml]) {
    await storyBody(page).evaluate((el, data) => {
      const transfer = new DataTransfer();
      transfer.setData("text/html", data);
      transfer.setData("text/plain", "fallback");
      el.dispatchEvent(new ClipboardEvent("paste", { clipboardData: transfer, bubbles: true, cancelable: true }));
    }, html);
  }
  const body = storyBody(page);
  await expect(body).toContainText("demanded");
  await expect(body).toContainText("Second paragraph");
  // A pasted table stays a table (it used to become one run-together line); the caret ends after it.
  await expect(body.getByRole("table").getByRole("cell", { name: "cell text", exact: true })).toBeVisible();
  await expect(body.getByRole("paragraph").filter({ hasText: "Docs bold and plain" })).toBeVisible();
  const markup = await body.innerHTML();
  expect(markup).not.toMatch(/style=|<span|<font|<o:p|Mso|<script|docs-internal/i);
  await expect(body.locator("strong", { hasText: "demanded" })).toBeVisible();
  await expect(body.locator("em", { hasText: "safe corridors" })).toBeVisible();
  await expect(body.locator("strong", { hasText: "Docs bold" })).toBeVisible();
  await page.getByRole("button", { name: "Save" }).click();
  await expectSaved(page);
});

test("the formatting toolbar works from the keyboard", async ({ page }) => {
  await newStory(page, "Toolbar check");
  const toolbar = page.getByRole("toolbar", { name: "Formatting" });
  const bold = toolbar.getByRole("button", { name: "Bold" });
  await expect(bold).toHaveAttribute("aria-pressed", "false");
  await page.keyboard.press("Control+b");
  await page.keyboard.insertText("Bold words");
  await expect(bold).toHaveAttribute("aria-pressed", "true");

  // One tab stop; arrows move between buttons.
  await bold.focus();
  await expect(toolbar.locator("button[tabindex='0']")).toHaveCount(1);
  await page.keyboard.press("ArrowRight");
  await expect(toolbar.getByRole("button", { name: "Italic" })).toBeFocused();
  await page.keyboard.press("End");
  await expect(toolbar.getByRole("button", { name: "Redo" })).toBeFocused();
  await page.keyboard.press("Home");
  await expect(bold).toBeFocused();
  await page.keyboard.press("ArrowLeft");
  await expect(toolbar.getByRole("button", { name: "Redo" })).toBeFocused();
  await toolbar.getByRole("button", { name: "Heading 3" }).focus();
  await page.keyboard.press("Enter");
  await expect(storyBody(page).getByRole("heading", { level: 3 })).toHaveText("Bold words");
  await expect(toolbar.getByRole("button", { name: "Heading 3" })).toHaveAttribute("aria-pressed", "true");
});

test("offline edits are kept, retried, and restored after the tab is lost", async ({ page, context, browser }) => {
  await newStory(page, "Offline resilience");
  await page.keyboard.insertText("Filed before the outage.");
  await page.getByRole("button", { name: "Save" }).click();
  const url = await waitForStoryUrl(page);
  await expectSaved(page);

  await context.setOffline(true);
  await storyBody(page).click();
  await page.keyboard.press("Control+End");
  await page.keyboard.insertText(" Written while offline.");
  await expect(page.getByRole("status")).toContainText("Unsaved", { timeout: 15_000 });
  await expect(page.getByRole("status")).toContainText("retrying", { timeout: 15_000 });
  await context.setOffline(false);
  await expectSaved(page, 40_000);

  // Lose the tab with unsaved text in it (no chance to save; only the browser copy remains).
  await context.setOffline(true);
  await storyBody(page).click();
  await page.keyboard.press("Control+End");
  await page.keyboard.insertText(" Only this browser knows this sentence.");
  await expect(page.getByRole("status")).toContainText("retrying", { timeout: 15_000 });
  await page.close({ runBeforeUnload: false });
  await context.setOffline(false);

  const again = await context.newPage();
  await again.goto(url);
  await expect(storyBody(again)).not.toContainText("Only this browser knows this sentence.");
  const banner = again.getByRole("region", { name: "Unsaved text found in this browser" });
  await expect(banner).toBeVisible();
  await banner.getByRole("button", { name: "Restore unsaved text" }).click();
  await expect(storyBody(again)).toContainText("Only this browser knows this sentence.");
  await expectSaved(again);

  // The server has it now: a fresh session sees it.
  const fresh = await newSignedInContext(browser);
  await fresh.page.goto(url);
  await expect(storyBody(fresh.page)).toContainText("Only this browser knows this sentence.");
  await fresh.context.close();
});

/** The copies of unsaved text this browser keeps (README: "unsaved editor text"). */
async function browserCopies(page: Page): Promise<string[]> {
  return page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith("dateline:draft:")));
}

test("workflow transitions lock and unlock a reporter's editor and leave no unsaved text to restore", async ({ page, browser }) => {
  const reporterContext = await newContextAs(browser, "reporter");
  const reporter = await reporterContext.newPage();
  const dialogs: string[] = [];
  reporter.on("dialog", (dialog) => {
    dialogs.push(dialog.type());
    void dialog.accept();
  });
  await newStory(reporter, `Locked in review ${Date.now().toString(36)}`);
  await reporter.keyboard.insertText("Filed before review. ");
  await reporter.getByRole("button", { name: "Save", exact: true }).click();
  const url = await waitForStoryUrl(reporter);
  await expectSaved(reporter);

  // The transition's server action re-renders the page: the reporter's editor locks, in place.
  await reporter.getByRole("button", { name: "Submit for review" }).click();
  await expect(reporter.getByText("Status: In review")).toBeVisible();
  await expect(storyBody(reporter)).toHaveAttribute("contenteditable", "false");
  await expect(reporter.getByRole("textbox", { name: "Headline" })).toHaveAttribute("readonly", "");
  await expect(reporter.getByRole("button", { name: "Save", exact: true })).toHaveCount(0);
  // Locking is not an edit: still saved, and, after the browser copy's 1 s pause, nothing kept.
  await reporter.waitForTimeout(1_500);
  await expect(reporter.getByRole("status")).toContainText("Saved");
  expect(await browserCopies(reporter)).toEqual([]);

  // Withdrawn in the same tab, the editor unlocks in place, with nothing to save either.
  await reporter.getByRole("button", { name: "Withdraw from review" }).click();
  await expect(reporter.getByText("Status: Draft")).toBeVisible();
  await expect(storyBody(reporter)).toHaveAttribute("contenteditable", "true");
  await expect(reporter.getByRole("button", { name: "Save", exact: true })).toBeVisible();
  await reporter.waitForTimeout(1_500);
  await expect(reporter.getByRole("status")).toContainText("Saved");
  expect(await browserCopies(reporter)).toEqual([]);

  // Submitted again and sent back by an editor, from another browser.
  await reporter.getByRole("button", { name: "Submit for review" }).click();
  await expect(reporter.getByText("Status: In review")).toBeVisible();
  await page.goto(url);
  await page.getByRole("button", { name: "Request changes" }).click();
  await page.getByRole("textbox", { name: "Note to reporter" }).fill("One more source, please.");
  await page.getByRole("button", { name: "Send back" }).click();
  await expect(page.getByText("Status: Changes requested")).toBeVisible();

  // The reporter leaves (no "leave site?" question: nothing is unsaved) and comes back.
  await reporter.goto("/desk");
  await reporter.goto(url);
  await expect(reporter.getByText("Status: Changes requested")).toBeVisible();
  await expect(storyBody(reporter)).toHaveAttribute("contenteditable", "true");
  await expect(storyBody(reporter)).toContainText("Filed before review.");
  // The offer would follow a 300 ms check for other open tabs.
  await reporter.waitForTimeout(1_000);
  await expect(reporter.getByRole("region", { name: "Unsaved text found in this browser" })).toHaveCount(0);
  await expect(reporter.getByRole("button", { name: "Restore unsaved text" })).toHaveCount(0);
  expect(dialogs).toEqual([]);

  // And the revision is saved like any other edit.
  await storyBody(reporter).click();
  await reporter.keyboard.press("Control+End");
  await reporter.keyboard.insertText("With a second source.");
  await expectSaved(reporter);
  await reporterContext.close();
});

test("history compares versions word by word and restores one without destroying any", async ({ page }) => {
  await newStory(page, "Budget history");
  await page.keyboard.insertText("The council approved the budget on Tuesday.");
  await page.getByRole("button", { name: "Save" }).click();
  await waitForStoryUrl(page);
  await expectSaved(page);
  await storyBody(page).click();
  await page.keyboard.press("Control+a");
  await page.keyboard.insertText("The council rejected the budget on Wednesday.");
  await page.keyboard.press("Control+s");
  await expectSaved(page);

  await page.getByRole("link", { name: "History" }).click();
  const rows = page.getByRole("table", { name: "Versions, newest first" }).getByRole("row");
  await expect(rows.filter({ hasText: "Created" })).toHaveCount(1);
  const before = await rows.count();
  await expect(page.locator(".revision-diff ins")).toContainText(["rejected", "Wednesday"]);
  await expect(page.locator(".revision-diff del")).toContainText(["approved", "Tuesday"]);
  await expectNoAxeViolations(page);

  // Pick the older text and bring it back.
  await page.getByRole("link", { name: "Version 1" }).click();
  await expect(page.getByRole("heading", { name: /Version 1 compared with/ })).toBeVisible();
  await page.getByRole("button", { name: "Restore this version" }).click();
  await page.waitForURL(/\/desk\/stories\/[0-9a-f-]{36}$/);
  await expect(storyBody(page)).toContainText("The council approved the budget on Tuesday.");
  await page.getByRole("link", { name: "History" }).click();
  await expect(page.getByRole("table", { name: "Versions, newest first" }).getByRole("row")).toHaveCount(before + 1);
  await expect(page.getByText("Restored: Restored version 1")).toBeVisible();
});

test("the desk lists my stories with status filters, and all stories with filters and search", async ({ page }) => {
  await newStory(page, "Harbour ferry timetable changes");
  await page.keyboard.insertText("The ferry will run hourly from the old harbour.");
  await page.getByRole("button", { name: "Save" }).click();
  await waitForStoryUrl(page);
  await expectSaved(page);

  await page.goto("/desk");
  const mine = page.getByRole("region", { name: "My stories" });
  await expect(mine.getByRole("link", { name: "Harbour ferry timetable changes" })).toBeVisible();
  await mine.getByRole("navigation", { name: "My stories by status" }).getByRole("link", { name: /^Published/ }).click();
  await expect(page.getByRole("region", { name: "My stories" }).getByRole("link", { name: "Harbour ferry timetable changes" })).toHaveCount(0);
  await page.getByRole("region", { name: "My stories" }).getByRole("navigation", { name: "My stories by status" }).getByRole("link", { name: /^Draft/ }).click();
  await expect(page.getByRole("region", { name: "My stories" }).getByRole("link", { name: "Harbour ferry timetable changes" })).toBeVisible();

  const all = page.getByRole("region", { name: "All stories" });
  await all.getByRole("searchbox", { name: "Search stories" }).fill("old harbour");
  await all.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByRole("region", { name: "All stories" }).getByRole("row")).toHaveCount(2);
  await expect(page.getByRole("region", { name: "All stories" }).getByRole("link", { name: "Harbour ferry timetable changes" })).toBeVisible();
  await page.getByRole("region", { name: "All stories" }).getByRole("combobox", { name: "Status" }).selectOption("published");
  await page.getByRole("region", { name: "All stories" }).getByRole("button", { name: "Filter" }).click();
  await expect(page.getByRole("region", { name: "All stories" }).getByText("No story matches these filters.")).toBeVisible();
  await expectNoAxeViolations(page);
});

test("images can also be pasted and dropped into the body", async ({ page }) => {
  await newStory(page, "Pictures from the conference");
  await page.keyboard.insertText("Before the pictures.");
  const body = storyBody(page);
  await body.evaluate((el, base64) => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const transfer = new DataTransfer();
    transfer.items.add(new File([bytes], "pasted.png", { type: "image/png" }));
    el.dispatchEvent(new ClipboardEvent("paste", { clipboardData: transfer, bubbles: true, cancelable: true }));
  }, PNG.toString("base64"));
  await expect(body.locator("figure")).toHaveCount(1);
  await expect(page.getByRole("textbox", { name: "Image alt text" })).toBeFocused();
  await page.getByRole("textbox", { name: "Image alt text" }).fill("A pasted picture");

  const box = (await body.locator("p").first().boundingBox())!;
  await body.evaluate(
    (el, { base64, x, y }) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([bytes], "dropped.png", { type: "image/png" }));
      el.dispatchEvent(new DragEvent("drop", { dataTransfer: transfer, clientX: x, clientY: y, bubbles: true, cancelable: true }));
    },
    { base64: PNG.toString("base64"), x: box.x + 5, y: box.y + box.height / 2 },
  );
  await expect(body.locator("figure")).toHaveCount(2);
  await page.getByRole("textbox", { name: "Image alt text" }).fill("A dropped picture");
  await page.getByRole("button", { name: "Save" }).click();
  await waitForStoryUrl(page);
  await expectSaved(page);
  await page.reload();
  await expect(storyBody(page).locator("figure img")).toHaveCount(2);
  await expect(storyBody(page).locator("img[alt='A pasted picture']")).toHaveCount(1);
  await expect(storyBody(page).locator("img[alt='A dropped picture']")).toHaveCount(1);
});

test("bad headlines and slugs are explained and nothing is stored until they are fixed", async ({ page }) => {
  await newStory(page, "x".repeat(301));
  await page.keyboard.insertText("Some text.");
  await expect(page.getByText("Keep the headline under 300 characters (301 now).")).toBeVisible();
  await expect(page.getByRole("alert").filter({ hasText: "Keep the headline under 300 characters." })).toBeVisible({ timeout: 15_000 });
  await expect(page).toHaveURL(/\/desk\/stories\/new$/);
  await expect(page.getByRole("status")).toContainText("Unsaved");

  await page.getByRole("textbox", { name: "Headline" }).fill("A headline of a sensible length");
  await page.getByRole("textbox", { name: "Slug" }).fill("Bad Slug!");
  await expect(page.getByText("Use only lower-case letters, digits and single hyphens.").first()).toBeVisible();
  await expect(page.getByRole("alert").filter({ hasText: "Use only lower-case letters, digits and single hyphens in the slug." })).toBeVisible({ timeout: 15_000 });
  await expect(page).toHaveURL(/\/desk\/stories\/new$/);

  await page.getByRole("textbox", { name: "Slug" }).fill("a-sensible-slug");
  await waitForStoryUrl(page);
  await expectSaved(page);
  await expect(page.getByRole("textbox", { name: "Slug" })).toHaveValue("a-sensible-slug");
});

test("leaving with unsaved changes asks first", async ({ page }) => {
  await newStory(page, "Do not lose this");
  await page.keyboard.insertText("First words.");
  await page.getByRole("button", { name: "Save" }).click();
  await waitForStoryUrl(page);
  await expectSaved(page);

  page.removeAllListeners("dialog");
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.type());
    void dialog.dismiss();
  });
  await storyBody(page).click();
  await page.keyboard.press("Control+End");
  await page.keyboard.insertText(" More words.");
  await page.close({ runBeforeUnload: true });
  await expect.poll(() => dialogs).toEqual(["beforeunload"]);
  // Staying on the page keeps the text, which is then saved.
  expect(page.isClosed()).toBe(false);
  await expectSaved(page);
  await expect(storyBody(page)).toContainText("First words. More words.");
});

test("a published story shows its live page, and staged edits say the live version differs", async ({ page }) => {
  await page.goto("/desk?status=published");
  // The sample article (other journeys publish stories too, so it need not be the newest).
  const published = page.getByRole("region", { name: "All stories" }).getByRole("row").filter({ hasText: /Head of Aleppo/i }).first();
  await published.getByRole("link").click();
  await expect(page.getByText("Status: Published")).toBeVisible();
  await expect(page.getByRole("link", { name: "View live" })).toHaveAttribute("href", /^\/media-center\/coalition-news\/head-of-aleppo/);
  await expect(page.getByText("Live version differs")).toHaveCount(0);
  await storyBody(page).click();
  await page.keyboard.press("Control+End");
  await page.keyboard.insertText(" (Updated.)");
  await expectSaved(page);
  await expect(page.getByText("Live version differs")).toBeVisible();
  await expectNoAxeViolations(page);
});
