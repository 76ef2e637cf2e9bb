import { expect, test, type Page } from "@playwright/test";
import { parseSeedArticle } from "../lib/stories/sample/parse-seed-article";
import { SEED_ARTICLE_TEXT } from "../lib/stories/sample/seed-article";
import { expectNoAxeViolations } from "./support/axe";
import { newContextAs } from "./support/accounts";
import { EDITOR_ADMIN, expectSaved, newSignedInContext, openNewStory, signInAsAdmin, storyBody, STORY_URL } from "./support/editor-session";
import { cuttableCollabNetwork } from "./support/network-cut";

// A 1×1 PNG: a real image the real upload pipeline (POST /api/media) re-encodes and stores.
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");
/** "New story": the story's own page opens before the first key; the caret is left in the body. */
async function newStory(page: Page, headline: string): Promise<string> {
  const url = await openNewStory(page, headline);
  await storyBody(page).click();
  return url;
}

/** The story's working copy as the server has stored it (the desk's JSON API), from its editor URL. */
async function storedStory(page: Page, url: string): Promise<{ headline: string; body: unknown }> {
  return (await page.request.get(`/api/stories/${url.split("/").pop()}`)).json();
}

async function waitForStoryUrl(page: Page): Promise<string> {
  await page.waitForURL(STORY_URL, { timeout: 20_000 });
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

  // Every key is shared as it is typed: there is no save to wait for.
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

test("\"New story\" opens the story's own address before the first key, and fast typing through headings loses nothing", async ({ page }) => {
  await page.goto("/desk");
  await page.getByRole("link", { name: "New story" }).click();
  // The story exists before anything is typed: its own address, its history, a reload shows it.
  const url = await waitForStoryUrl(page);
  await expect(page.getByRole("link", { name: "History" })).toBeVisible();
  await expect(storyBody(page)).toHaveAttribute("contenteditable", "true", { timeout: 20_000 });
  const headline = page.getByRole("textbox", { name: "Headline" });
  await headline.click();
  await page.keyboard.type("Council approves the budget");
  await storyBody(page).click();
  await page.keyboard.insertText("Before the headings.");
  await page.keyboard.press("Enter");
  // One key at a time: a heading shortcut, words, a new paragraph, more words. (The first key
  // typed into a just-made empty block is where Chromium used to misplace characters.)
  const expected = ["Before the headings."];
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
  await page.keyboard.type("after.");
  expected[expected.length - 1] += "after.";
  await expect(storyBody(page)).toBeFocused();
  await expect(page).toHaveURL(url);
  await expectSaved(page);
  // Every block's text, in order (the editor keeps an empty paragraph after a trailing heading or
  // figure, so an empty last one is not the writer's).
  const blocks = async () => {
    const texts = await storyBody(page).locator(":scope > p, :scope > h2").allTextContents();
    return texts.at(-1) === "" ? texts.slice(0, -1) : texts;
  };
  await expect.poll(blocks).toEqual(expected);
  await expect(storyBody(page).getByRole("heading", { level: 2 })).toHaveText(["Heading 1", "Heading 21", "Heading 41"]);
  // The working copy the rest of the desk reads follows within a second or so.
  await expect.poll(async () => JSON.stringify((await storedStory(page, url)).body), { timeout: 10_000 }).toContain("word60 after.");
  await expect.poll(async () => (await storedStory(page, url)).headline).toBe("Council approves the budget");
  await page.reload();
  await expect(page).toHaveURL(url);
  await expect(storyBody(page)).toContainText("after.");
  await expect.poll(blocks).toEqual(expected);
  await expect(page.getByRole("textbox", { name: "Headline" })).toHaveValue("Council approves the budget");
});

test("one person in two tabs: each tab lists the other in \"Editing now\", both edits merge, and nothing asks to choose", async ({ page, browser }) => {
  const url = await newStory(page, "Council budget vote delayed");
  await page.keyboard.insertText("The vote was delayed.");
  await expectSaved(page);

  const second = await newSignedInContext(browser);
  const other = second.page;
  other.on("dialog", (dialog) => void dialog.accept());
  await other.goto(url);
  await expect(storyBody(other)).toContainText("The vote was delayed.");
  await expect(page.getByRole("region", { name: "Editing now" })).toContainText(`${EDITOR_ADMIN.name} (you, in another tab)`);
  await expect(other.getByRole("region", { name: "Editing now" })).toContainText(`${EDITOR_ADMIN.name} (you, in another tab)`);

  await storyBody(page).click();
  await page.keyboard.press("Control+End");
  await page.keyboard.insertText(" Alpha says the session resumes Monday.");
  await storyBody(other).click();
  await other.keyboard.press("Control+End");
  await other.keyboard.insertText(" Beta says the mayor objected.");
  for (const tab of [page, other]) {
    await expect(storyBody(tab)).toContainText("Alpha says the session resumes Monday.");
    await expect(storyBody(tab)).toContainText("Beta says the mayor objected.");
    await expectSaved(tab);
    await expect(tab.getByText(/conflict/i)).toHaveCount(0);
  }
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

test("offline edits are kept in this browser and reach the server when the connection returns, even after the tab is lost", async ({ page, context, browser }) => {
  const network = await cuttableCollabNetwork(context);
  const url = await newStory(page, "Offline resilience");
  await page.keyboard.insertText("Filed before the outage.");
  await expectSaved(page);

  await network.cut();
  await storyBody(page).click();
  await page.keyboard.press("Control+End");
  await page.keyboard.insertText(" Written while offline.");
  await expect(page.getByRole("status")).toContainText("Offline (changes kept in this browser)");
  network.restore();
  await expectSaved(page, 30_000);

  // Lose the tab while offline (no chance to send anything; only this browser's copy has it).
  await network.cut();
  await page.keyboard.insertText(" Only this browser knows this sentence.");
  await expect(page.getByRole("status")).toContainText("Offline");
  await page.close({ runBeforeUnload: false });

  // Reopened while still offline: the sentence is there, from this browser's copy.
  const again = await context.newPage();
  again.on("dialog", (dialog) => void dialog.accept());
  await again.goto(url);
  await expect(storyBody(again)).toContainText("Only this browser knows this sentence.", { timeout: 20_000 });
  await expect(again.getByRole("status")).toContainText("Offline");
  network.restore();
  await expectSaved(again, 30_000);

  // The server has it now: a fresh session sees it.
  const fresh = await newSignedInContext(browser);
  await fresh.page.goto(url);
  await expect(storyBody(fresh.page)).toContainText("Filed before the outage. Written while offline. Only this browser knows this sentence.");
  await fresh.context.close();
});

test("workflow transitions lock and unlock a reporter's editor, with the reason, and it keeps saying Saved", async ({ page, browser }) => {
  const reporterContext = await newContextAs(browser, "reporter");
  const reporter = await reporterContext.newPage();
  const dialogs: string[] = [];
  reporter.on("dialog", (dialog) => {
    dialogs.push(dialog.type());
    void dialog.accept();
  });
  const url = await newStory(reporter, `Locked in review ${Date.now().toString(36)}`);
  await reporter.keyboard.insertText("Filed before review. ");
  await expectSaved(reporter);

  // The transition's server action re-renders the page: the reporter's editor locks, in place.
  await reporter.getByRole("button", { name: "Submit for review" }).click();
  await expect(reporter.getByText("Status: In review")).toBeVisible();
  await expect(storyBody(reporter)).toHaveAttribute("contenteditable", "false");
  await expect(reporter.getByRole("textbox", { name: "Headline" })).toHaveAttribute("readonly", "");
  await expect(reporter.locator(".read-only-note")).not.toBeEmpty();
  // Locking is not an edit: still saved.
  await reporter.waitForTimeout(1_500);
  await expect(reporter.getByRole("status")).toHaveText("Saved");

  // Withdrawn in the same tab, the editor unlocks in place, with nothing to save either.
  await reporter.getByRole("button", { name: "Withdraw from review" }).click();
  await expect(reporter.getByText("Status: Draft")).toBeVisible();
  await expect(storyBody(reporter)).toHaveAttribute("contenteditable", "true");
  await reporter.waitForTimeout(1_500);
  await expect(reporter.getByRole("status")).toHaveText("Saved");

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
  expect(dialogs).toEqual([]);

  // And the revision is saved like any other edit.
  await storyBody(reporter).click();
  await reporter.keyboard.press("Control+End");
  await reporter.keyboard.insertText("With a second source.");
  await expectSaved(reporter);
  await reporterContext.close();
});

test("history compares versions word by word and restores one without destroying any", async ({ page }) => {
  const url = await newStory(page, "Budget history");
  await page.keyboard.insertText("The council approved the budget on Tuesday.");
  await expectSaved(page);
  // The first working copy is a version; a workflow transition records the next one.
  await expect.poll(async () => JSON.stringify((await storedStory(page, url)).body)).toContain("approved the budget on Tuesday.");
  await storyBody(page).click();
  await page.keyboard.press("Control+a");
  await page.keyboard.insertText("The council rejected the budget on Wednesday.");
  await expectSaved(page);
  await page.getByRole("button", { name: "Submit for review" }).click();
  await expect(page.getByText("Status: In review")).toBeVisible();

  await page.getByRole("link", { name: "History" }).click();
  const rows = page.getByRole("table", { name: "Versions, newest first" }).getByRole("row");
  await expect(page.locator(".revision-diff ins")).toContainText(["rejected", "Wednesday"]);
  const before = await rows.count();
  await expect(page.locator(".revision-diff del")).toContainText(["approved", "Tuesday"]);
  await expectNoAxeViolations(page);

  // Pick the older text and bring it back: the open document follows the restore.
  await page.getByRole("link", { name: "Version 1" }).click();
  await expect(page.getByRole("heading", { name: /Version 1 compared with/ })).toBeVisible();
  await page.getByRole("button", { name: "Restore this version" }).click();
  await page.waitForURL(STORY_URL);
  await expect(storyBody(page)).toContainText("The council approved the budget on Tuesday.");
  await page.getByRole("link", { name: "History" }).click();
  await expect(page.getByRole("table", { name: "Versions, newest first" }).getByRole("row")).toHaveCount(before + 1);
  await expect(page.getByText("Restored: Restored version 1")).toBeVisible();
});

test("the desk lists my stories with status filters, and all stories with filters and search", async ({ page }) => {
  const url = await newStory(page, "Harbour ferry timetable changes");
  await page.keyboard.insertText("The ferry will run hourly from the old harbour.");
  await expectSaved(page);
  await expect.poll(async () => (await storedStory(page, url)).headline).toBe("Harbour ferry timetable changes");

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
  await expectSaved(page);
  await page.reload();
  await expect(storyBody(page).locator("figure img")).toHaveCount(2);
  await expect(storyBody(page).locator("img[alt='A pasted picture']")).toHaveCount(1);
  await expect(storyBody(page).locator("img[alt='A dropped picture']")).toHaveCount(1);
});

test("bad headlines and slugs are explained and the working copy keeps its last good value until they are fixed", async ({ page }) => {
  const url = await newStory(page, "x".repeat(301));
  await page.keyboard.insertText("Some text.");
  await expect(page.getByText("Keep the headline under 300 characters (301 now).")).toBeVisible();
  await expectSaved(page);
  // The shared document keeps what was typed; the story's working copy never takes it.
  await page.waitForTimeout(1_500);
  expect((await storedStory(page, url)).headline).toBe("");

  await page.getByRole("textbox", { name: "Headline" }).fill("A headline of a sensible length");
  await expect.poll(async () => (await storedStory(page, url)).headline).toBe("A headline of a sensible length");
  await page.getByRole("textbox", { name: "Slug" }).fill("Bad Slug!");
  await expect(page.getByText("Use only lower-case letters, digits and single hyphens.").first()).toBeVisible();
  await expectSaved(page);
  await page.waitForTimeout(1_500);
  expect(((await storedStory(page, url)) as { slug?: string }).slug).not.toBe("bad slug!");

  await page.getByRole("textbox", { name: "Slug" }).fill("a-sensible-slug");
  await expectSaved(page);
  await expect.poll(async () => ((await storedStory(page, url)) as { slug?: string }).slug).toBe("a-sensible-slug");
  await expect(page.getByRole("textbox", { name: "Slug" })).toHaveValue("a-sensible-slug");
});

test("leaving with changes the server does not have yet asks first", async ({ page, context }) => {
  const network = await cuttableCollabNetwork(context);
  await newStory(page, "Do not lose this");
  await page.keyboard.insertText("First words.");
  await expectSaved(page);

  page.removeAllListeners("dialog");
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.type());
    void dialog.dismiss();
  });
  await network.cut();
  await storyBody(page).click();
  await page.keyboard.press("Control+End");
  await page.keyboard.insertText(" More words.");
  await expect(page.getByRole("status")).toContainText("Offline");
  await page.close({ runBeforeUnload: true });
  await expect.poll(() => dialogs).toEqual(["beforeunload"]);
  // Staying on the page keeps the text, which is sent once the connection is back.
  expect(page.isClosed()).toBe(false);
  network.restore();
  await expectSaved(page, 30_000);
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
