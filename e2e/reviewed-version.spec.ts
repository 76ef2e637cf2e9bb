/**
 * What an editor read is what goes live. Every publishing transition (Publish now, Schedule,
 * Publish update with and without a correction, Publish again) and Approve name the version on the
 * editor's screen; when someone saved after the editor read it, the desk refuses, shows what
 * changed since, and lets the editor go ahead with the newer version once read.
 */
import type { APIRequestContext, Page } from "@playwright/test";
import { openNewStory } from "./support/editor-session";
import { expect, test } from "./support/fixtures";
import { NEWSROOM_TIME_ZONE } from "./support/accounts";
import { expectNoAxeViolations } from "./support/axe";
import { hook, publishStory } from "./support/hooks";

const SECTION = "media-center/coalition-news";

function unique(label: string): string {
  return `${label} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;
}

function doc(...paragraphs: string[]) {
  return { type: "doc", content: paragraphs.map((text) => ({ type: "paragraph", content: [{ type: "text", text }] })) };
}

type StoredStory = { id: string; version: number; headline: string; standfirst: string; body: unknown; sourceLine: string; slug: string; sectionId: string | null; language: string; tags: string[]; bylines: Array<{ userId: string | null; name: string }>; featuredMediaId: string | null; featuredCaption: string; featuredCredit: string; seoTitle: string; seoDescription: string };

/**
 * Someone else saves the story (through the desk's own JSON save API, as the editor's autosave
 * does), between the editor's reading and the click. Returns the new version.
 */
async function saveAsColleague(request: APIRequestContext, baseURL: string, storyId: string, change: Partial<StoredStory>): Promise<number> {
  const story = (await (await request.get(`/api/stories/${storyId}`)).json()) as StoredStory;
  const { headline, standfirst, body, sourceLine, slug, sectionId, language, tags, bylines, featuredMediaId, featuredCaption, featuredCredit, seoTitle, seoDescription } = { ...story, ...change };
  const response = await request.post(`/api/stories/${storyId}/draft`, {
    headers: { origin: baseURL },
    data: { baseVersion: story.version, kind: "manual", draft: { headline, standfirst, body, sourceLine, slug, sectionId, language, tags, bylines, featuredMediaId, featuredCaption, featuredCredit, seoTitle, seoDescription } },
  });
  expect(response.status(), await response.text()).toBe(200);
  return ((await response.json()) as { version: number }).version;
}

async function storyVersion(request: APIRequestContext, storyId: string): Promise<number> {
  return ((await (await request.get(`/api/stories/${storyId}`)).json()) as StoredStory).version;
}

/** The refusal: a message, and what changed since, holding the sentence the editor never read. */
async function expectRefusedWithChange(editor: Page, message: RegExp, sentence: string) {
  await expect(editor.getByRole("alert").filter({ hasText: message })).toBeVisible();
  await expect(editor.getByRole("region", { name: "What changed since the version you read" })).toContainText(sentence);
}

async function publicText(request: APIRequestContext, path: string): Promise<string> {
  const response = await request.get(path, { headers: { "x-dateline-front-cache": "bypass" } });
  return response.status() === 200 ? response.text() : "";
}

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

test("Publish update as a correction: the reporter's save after the editor read version 2 is refused with what changed, then published once read", async ({ reporterPage: reporter, editorPage: editor }) => {
  test.setTimeout(120_000);
  const headline = unique("Council budget");

  // The reporter writes a story; the editor publishes it.
  await openNewStory(reporter);
  await reporter.getByRole("textbox", { name: "Headline" }).fill(headline);
  const section = reporter.getByRole("combobox", { name: "Section" });
  await section.selectOption((await section.locator("option", { hasText: "Coalition News" }).first().getAttribute("value"))!);
  const body = reporter.getByRole("textbox", { name: "Story body" });
  await body.click();
  await body.pressSequentially("The council voted on Tuesday.");
  await expect(reporter).toHaveURL(/\/desk\/stories\/[0-9a-f-]{36}$/);
  await expect(reporter.getByRole("status").filter({ hasText: "Saved" })).toBeVisible();
  // The working copy follows the shared document within a second.
  await reporter.waitForTimeout(1_500);
  const storyUrl = reporter.url();
  const storyId = storyUrl.split("/").pop()!;

  await editor.goto(storyUrl);
  await editor.getByRole("button", { name: "Publish now" }).click();
  await expect(editor.getByText("Status: Published")).toBeVisible();
  const livePath = await editor.getByRole("link", { name: "View live" }).getAttribute("href");
  expect(livePath).toBeTruthy();

  // The reporter stages version 2; the editor reads it.
  await reporter.reload();
  await reporter.getByRole("textbox", { name: "Standfirst" }).fill("The budget passed by one vote.");
  await expect(reporter.getByRole("status").filter({ hasText: "Saved" })).toBeVisible();
  // The working copy follows the shared document within a second.
  await reporter.waitForTimeout(1_500);
  await editor.reload();
  await expect(editor.getByText("Live version differs")).toBeVisible();
  await expect(editor.getByRole("textbox", { name: "Standfirst" })).toHaveValue("The budget passed by one vote.");

  // Before the editor clicks, the reporter saves version 3.
  await body.click();
  await reporter.keyboard.press("Control+End");
  await body.pressSequentially(" The mayor is a criminal.");
  await expect(reporter.getByRole("status").filter({ hasText: "Saved" })).toBeVisible();
  // The working copy follows the shared document within a second.
  await reporter.waitForTimeout(1_500);
  const current = await storyVersion(reporter.request, storyId);

  await editor.getByRole("checkbox", { name: "This update is a correction" }).check();
  await editor.getByRole("textbox", { name: "Correction note" }).fill("An earlier version gave the wrong vote count.");
  await editor.getByRole("button", { name: "Publish update" }).click();
  await expectRefusedWithChange(editor, /the update was not published/, "The mayor is a criminal");
  expect(await publicText(editor.request, livePath!)).not.toContain("The mayor is a criminal");
  expect(await publicText(editor.request, livePath!)).not.toContain("An earlier version gave the wrong vote count.");

  // Having read it, the editor publishes the version that is current now, correction and all.
  await editor.getByRole("button", { name: `Publish version ${current} as the update` }).click();
  await expect(editor.getByText("Status: Published")).toBeVisible();
  await expect(editor.getByText("Live version differs")).toHaveCount(0);
  await expect(async () => {
    const page = await publicText(editor.request, livePath!);
    expect(page).toContain("The mayor is a criminal");
    expect(page).toContain("An earlier version gave the wrong vote count.");
  }).toPass({ timeout: 10_000 });
});

test("Publish now and Publish update without a correction refuse a version saved after the editor read it", async ({ adminPage: colleague, editorPage: editor, baseURL }) => {
  const headline = unique("Draft read once");
  const { storyId } = await hook(colleague.request, "draft", { headline, sectionPath: SECTION, body: "The first text." });
  await editor.goto(`/desk/stories/${storyId}`);
  await expect(editor.getByText("Status: Draft")).toBeVisible();
  const newer = await saveAsColleague(colleague.request, baseURL!, storyId, { body: doc("The first text.", "A paragraph added while the editor was reading.") });

  await editor.getByRole("button", { name: "Publish now" }).click();
  await expectRefusedWithChange(editor, /nothing was published/, "A paragraph added while the editor was reading.");
  await expect(editor.getByText("Status: Draft")).toBeVisible();
  await expectNoAxeViolations(editor);
  await editor.getByRole("button", { name: `Publish version ${newer}` }).click();
  await expect(editor.getByText("Status: Published")).toBeVisible();

  // Publish update, no correction: the editor reads version N, a colleague saves N+1.
  await saveAsColleague(colleague.request, baseURL!, storyId, { standfirst: "Staged and read." });
  await editor.reload();
  await expect(editor.getByText("Live version differs")).toBeVisible();
  const latest = await saveAsColleague(colleague.request, baseURL!, storyId, { standfirst: "Staged and read. Then changed unseen." });
  await editor.getByRole("button", { name: "Publish update" }).click();
  await expectRefusedWithChange(editor, /the update was not published/, "Then changed unseen.");
  await editor.getByRole("button", { name: `Publish version ${latest} as the update` }).click();
  await expect(editor.getByText("Live version differs")).toHaveCount(0);
  await expect(editor.getByRole("textbox", { name: "Standfirst" })).toHaveValue("Staged and read. Then changed unseen.");
});

test("Publish again refuses a version saved after the editor read it", async ({ adminPage: colleague, editorPage: editor, baseURL }) => {
  const { storyId, path } = await publishStory(colleague.request, { headline: unique("Taken down"), sectionPath: SECTION, body: "Published once." });
  await hook(colleague.request, "unpublish", { storyId, reason: "Legal review" });
  await editor.goto(`/desk/stories/${storyId}`);
  await expect(editor.getByText("Status: Unpublished")).toBeVisible();
  const newer = await saveAsColleague(colleague.request, baseURL!, storyId, { body: doc("Published once.", "Rewritten after legal review.") });
  await editor.getByRole("button", { name: "Publish again" }).click();
  await expectRefusedWithChange(editor, /nothing was published/, "Rewritten after legal review.");
  await expect(editor.getByText("Status: Unpublished")).toBeVisible();
  await editor.getByRole("button", { name: `Publish version ${newer} again` }).click();
  await expect(editor.getByText("Status: Published")).toBeVisible();
  await expect(async () => expect(await publicText(editor.request, path)).toContain("Rewritten after legal review.")).toPass({ timeout: 10_000 });
});

test("approval is of a version: changes after Approve are marked and queued, Schedule refuses an unread version, and the scheduled version is what goes live", async ({ adminPage: colleague, editorPage: editor, browser, baseURL }) => {
  test.setTimeout(240_000);
  const headline = unique("Approved embargo");
  const { storyId } = await hook(colleague.request, "draft", { headline, sectionPath: SECTION, body: "The approved text." });
  await editor.goto(`/desk/stories/${storyId}`);
  await editor.getByRole("button", { name: "Submit for review" }).click();
  await expect(editor.getByText("Status: In review")).toBeVisible();

  // Approve refuses a version saved after the editor read it.
  const second = await saveAsColleague(colleague.request, baseURL!, storyId, { standfirst: "Added before approval, unread." });
  await editor.getByRole("button", { name: "Approve" }).click();
  await expectRefusedWithChange(editor, /was not approved/, "Added before approval, unread.");
  await editor.getByRole("button", { name: `Approve version ${second}` }).click();
  await expect(editor.getByText("Status: Approved")).toBeVisible();
  await expect(editor.getByRole("region", { name: "Changed since approval", exact: true })).toHaveCount(0);

  // A change after approval: marked on the story page and back in the review queue.
  const third = await saveAsColleague(colleague.request, baseURL!, storyId, { body: doc("The approved text.", "A sentence nobody approved.") });
  await editor.reload();
  const marker = editor.getByRole("region", { name: "Changed since approval", exact: true });
  await expect(marker).toContainText("Changed since approval");
  await expect(marker).toContainText("A sentence nobody approved.");
  await expectNoAxeViolations(editor);
  await editor.goto("/desk/review");
  const row = editor.getByRole("row").filter({ has: editor.getByRole("link", { name: headline }) });
  await expect(row).toContainText("Changed since approval");

  // Approving again is approving what is there now, after reading it.
  await row.getByRole("link", { name: headline }).click();
  await editor.getByRole("button", { name: "Approve" }).click();
  await expect(editor.getByRole("region", { name: "Changed since approval", exact: true })).toHaveCount(0);
  expect(await storyVersion(colleague.request, storyId)).toBe(third);

  // Schedule refuses a version saved after the editor read it.
  const fourth = await saveAsColleague(colleague.request, baseURL!, storyId, { headline: `${headline} (final)` });
  await editor.getByRole("button", { name: "Schedule" }).click();
  const when = nextMinuteInNewsroom();
  await editor.getByRole("textbox", { name: "Publish at" }).fill(when.value);
  await editor.getByRole("button", { name: "Confirm schedule" }).click();
  await expectRefusedWithChange(editor, /was not scheduled/, "(final)");
  await editor.getByRole("button", { name: `Schedule version ${fourth}` }).click();
  await expect(editor.getByText("Status: Scheduled")).toBeVisible();

  // Edited after scheduling: the scheduled version still goes out on time; the edit stays staged.
  await saveAsColleague(colleague.request, baseURL!, storyId, { body: doc("The approved text.", "A sentence nobody approved.", "Added after scheduling.") });
  await editor.reload();
  await expect(editor.getByRole("region", { name: "Changed since approval", exact: true })).toContainText("The scheduled version goes live at its time");
  await new Promise((r) => setTimeout(r, Math.max(0, when.at.getTime() - Date.now())));
  const visitor = await browser.newContext();
  const reader = await visitor.newPage();
  let livePath = "";
  await expect(async () => {
    await editor.reload();
    await expect(editor.getByText("Status: Published")).toBeVisible({ timeout: 1000 });
    livePath = (await editor.getByRole("link", { name: "View live" }).getAttribute("href")) ?? "";
    expect(livePath).not.toBe("");
  }).toPass({ timeout: 30_000, intervals: [1000] });
  await reader.goto(livePath);
  await expect(reader.getByRole("heading", { level: 1, name: `${headline} (final)` })).toBeVisible();
  await expect(reader.getByText("A sentence nobody approved.")).toBeVisible();
  await expect(reader.getByText("Added after scheduling.")).toHaveCount(0);
  await expect(editor.getByText("Live version differs")).toBeVisible();
  await visitor.close();
});
