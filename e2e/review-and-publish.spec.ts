/**
 * The newsroom's own job, end to end: a reporter drafts the sample article, an editor sends it
 * back with a note, the reporter revises and resubmits, the editor approves and schedules it for
 * the next minute, it goes live with nobody visiting, and a correction reaches the public page.
 */
import { expect, test } from "./support/fixtures";
import { NEWSROOM_TIME_ZONE } from "./support/accounts";
import { expectSaved, openNewStory, STORY_URL } from "./support/editor-session";
import { parseSeedArticle } from "../lib/stories/sample/parse-seed-article";
import { SEED_ARTICLE_TEXT } from "../lib/stories/sample/seed-article";

const article = parseSeedArticle(SEED_ARTICLE_TEXT);

/** A datetime-local value in the newsroom's zone at least 40 s ahead, on a whole minute. */
function nextMinuteInNewsroom(): { value: string; at: Date } {
  const at = new Date(Math.ceil((Date.now() + 40_000) / 60_000) * 60_000);
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-CA", { timeZone: NEWSROOM_TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return { value: `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`, at };
}

test("draft, send back, resubmit, approve, schedule, publish on time, correct", async ({ reporterPage: reporter, editorPage: editor, browser }) => {
  test.setTimeout(240_000);
  const headline = `${article.headline} (${Date.now().toString(36)})`;

  // The reporter drafts the article.
  const storyUrl = await openNewStory(reporter, headline);
  await reporter.getByRole("textbox", { name: "Standfirst" }).fill("Brita Haji Hasan and Jean-Marc Ayrault call for safe corridors for civilians.");
  const body = reporter.getByRole("textbox", { name: "Story body" });
  await body.click();
  await body.pressSequentially(article.paragraphs[0]!);
  await body.press("Enter");
  await body.pressSequentially(article.paragraphs[1]!.slice(0, 120));
  const section = reporter.getByRole("combobox", { name: "Section" });
  const coalition = await section.locator("option", { hasText: "Coalition News" }).first().getAttribute("value");
  await section.selectOption(coalition!);
  await reporter.getByRole("textbox", { name: "Source" }).fill(article.sourceLine);
  await expectSaved(reporter);
  await expect(reporter).toHaveURL(storyUrl);
  const slug = await reporter.getByRole("textbox", { name: "Slug" }).inputValue();
  await expect(reporter.getByText("Status: Draft")).toBeVisible();
  await reporter.getByRole("button", { name: "Submit for review" }).click();
  await expect(reporter.getByText("Status: In review")).toBeVisible();
  // The pressed button is gone: the focus lands on the outcome, not on the page's start.
  await expect(reporter.getByText("Submitted for review.")).toBeFocused();
  // A reporter cannot publish: the button is not there.
  await expect(reporter.getByRole("button", { name: "Publish now" })).toHaveCount(0);

  // The editor finds it in the queue and sends it back with a note.
  await editor.goto("/desk/review");
  await editor.getByRole("link", { name: headline }).click();
  await editor.getByRole("button", { name: "Request changes" }).click();
  const note = "Please add Ayrault's quote about the Security Council.";
  await editor.getByRole("textbox", { name: "Note to reporter" }).fill(note);
  await editor.getByRole("button", { name: "Send back" }).click();
  await expect(editor.getByText("Status: Changes requested")).toBeVisible();

  // The reporter sees the note, revises and resubmits.
  await reporter.goto(storyUrl);
  await expect(reporter.getByText("Status: Changes requested")).toBeVisible();
  await expect(reporter.getByText(note)).toBeVisible();
  await body.click();
  await reporter.keyboard.press("Control+End");
  await body.press("Enter");
  await body.pressSequentially(article.paragraphs[6]!.slice(0, 100));
  await expectSaved(reporter);
  await reporter.getByRole("button", { name: "Submit for review" }).click();
  await expect(reporter.getByText("Status: In review")).toBeVisible();

  // The editor approves and schedules it for the next minute.
  await editor.goto(storyUrl);
  await editor.getByRole("button", { name: "Approve" }).click();
  await expect(editor.getByText("Status: Approved")).toBeVisible();
  await editor.getByRole("button", { name: "Schedule" }).click();
  const when = nextMinuteInNewsroom();
  await editor.getByRole("textbox", { name: "Publish at" }).fill(when.value);
  await editor.getByRole("button", { name: "Confirm schedule" }).click();
  await expect(editor.getByText("Status: Scheduled")).toBeVisible();

  // Nobody visits anything until it is due; then it is live within 15 s of its time.
  const publicPath = `/media-center/coalition-news/${slug}`;
  await new Promise((r) => setTimeout(r, Math.max(0, when.at.getTime() - Date.now())));
  const visitor = await browser.newContext();
  const reader = await visitor.newPage();
  await expect(async () => {
    const response = await reader.request.get(publicPath);
    expect(response.status()).toBe(200);
  }).toPass({ timeout: 15_000, intervals: [500] });
  await reader.goto(publicPath);
  await expect(reader.getByRole("heading", { level: 1, name: headline })).toBeVisible();
  await expect(reader.getByText(article.sourceLine)).toBeVisible();

  // The editor fixes the text and publishes the fix as a correction.
  await editor.goto(storyUrl);
  await expect(editor.getByText("Status: Published")).toBeVisible();
  const standfirst = editor.getByRole("textbox", { name: "Standfirst" });
  await standfirst.fill("Aleppo's provincial council head and France's foreign minister call for safe corridors.");
  await expectSaved(editor);
  // The first change staged on a live story shows without a reload.
  await expect(editor.getByText("Live version differs")).toBeVisible();
  await editor.getByRole("checkbox", { name: "This update is a correction" }).check();
  const correction = "An earlier version misidentified the speakers in the standfirst.";
  await editor.getByRole("textbox", { name: "Correction note" }).fill(correction);
  await editor.getByRole("button", { name: "Publish update" }).click();
  await expect(editor.getByText("The update is live.")).toBeVisible();

  await expect(async () => {
    await reader.goto(publicPath);
    await expect(reader.getByText(correction)).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 5_000 });
  await visitor.close();
});

test("a raw POST of a captured publish action with a reporter's cookie is refused and changes nothing", async ({ editorPage: editor, reporterPage: reporter }) => {
  // The editor creates a draft, then captures the real "Publish now" request without letting it through.
  const headline = `Captured action ${Date.now().toString(36)}`;
  const storyUrl = await openNewStory(editor, headline);
  const section = editor.getByRole("combobox", { name: "Section" });
  await section.selectOption((await section.locator("option", { hasText: "Coalition News" }).first().getAttribute("value"))!);
  await editor.getByRole("textbox", { name: "Story body" }).click();
  await editor.getByRole("textbox", { name: "Story body" }).pressSequentially("Body text.");
  await expectSaved(editor);
  await expect(editor).toHaveURL(STORY_URL);

  let captured: { url: string; headers: Record<string, string>; body: Buffer } | null = null;
  await editor.route(storyUrl, async (route) => {
    const request = route.request();
    if (request.method() === "POST" && request.headers()["next-action"]) {
      captured = { url: request.url(), headers: request.headers(), body: request.postDataBuffer()! };
      await route.abort();
      return;
    }
    await route.continue();
  });
  await editor.getByRole("button", { name: "Publish now" }).click();
  await expect.poll(() => captured !== null).toBe(true);
  await editor.unroute(storyUrl);

  const replay = await reporter.request.post(captured!.url, {
    headers: { "next-action": captured!.headers["next-action"]!, "content-type": captured!.headers["content-type"]!, accept: "text/x-component", origin: new URL(captured!.url).origin },
    data: captured!.body,
  });
  expect(replay.status()).toBeLessThan(500);
  const text = await replay.text();
  expect(text).not.toContain("Published.");

  // Nothing changed: still a draft, not on the public site.
  await editor.goto(storyUrl);
  await expect(editor.getByText("Status: Draft")).toBeVisible();
});
