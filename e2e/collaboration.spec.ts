/**
 * Two people write one story at once, as in a shared document: a reporter and an editor, each in
 * their own browser. What the issue asks of "Write together", seen from the browsers.
 */
import type { Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { createPerson, PEOPLE } from "./support/accounts";
import { expectSaved, openNewStory, openStory, storyBody } from "./support/editor-session";
import { cuttableCollabNetwork } from "./support/network-cut";

/** The target: each person sees the other's words within a second. */
const VISIBLE_WITHIN_MS = 1_000;
/**
 * A fast typist (12.5 keys a second, about 150 words a minute). Every key is a change the server
 * validates and stores before acknowledging; machine-gun typing from two browsers at once builds a
 * queue no person could, and measures the server's throughput rather than what people see.
 */
const KEY_DELAY_MS = 80;

const unique = () => Date.now().toString(36) + Math.random().toString(36).slice(2, 5);

function accept(page: Page) {
  // Leaving a page whose changes the server does not have yet asks first; the journeys mean to leave.
  page.on("dialog", (dialog) => void dialog.accept());
}

/** Puts the caret at the end of the paragraph holding `text`. */
async function caretAfter(page: Page, text: string) {
  await storyBody(page).getByText(text, { exact: false }).first().click();
  await page.keyboard.press("End");
}

/**
 * Types `text` and returns how long the other page took to show it once it stood in the writer's
 * own editor (failing past the target). Measured from the writer's screen, not from the end of
 * Playwright's key dispatch: two busy browsers on a shared machine may still be handling keys.
 */
async function typeAndTimeArrival(writer: Page, reader: Page, text: string): Promise<number> {
  await writer.keyboard.type(text, { delay: KEY_DELAY_MS });
  await expect(storyBody(writer)).toContainText(text);
  const typed = Date.now();
  await expect(storyBody(reader)).toContainText(text, { timeout: VISIBLE_WITHIN_MS });
  return Date.now() - typed;
}

async function expectNoConflictUi(page: Page) {
  await expect(page.getByText(/conflict|someone else saved/i)).toHaveCount(0);
  await expect(page.getByRole("button", { name: /Keep mine|Take theirs|Restore unsaved text/ })).toHaveCount(0);
}

test("a reporter and an editor type at once in one paragraph and in different ones: each sees the other's words within a second, with names and carets, and everything survives a reload", async ({
  reporterPage: reporter,
  editorPage: editor,
}) => {
  accept(reporter);
  accept(editor);
  const headline = `Written together ${unique()}`;
  const url = await openNewStory(reporter, headline);
  await storyBody(reporter).click();
  await reporter.keyboard.type("The council met on Tuesday.");
  await reporter.keyboard.press("Enter");
  await reporter.keyboard.type("Residents asked questions.");
  await expectSaved(reporter);

  await openStory(editor, url);
  await expect(editor.getByRole("textbox", { name: "Headline" })).toHaveValue(headline);
  await expect(storyBody(editor)).toContainText("Residents asked questions.");
  // Everyone else in the story, by name.
  await expect(reporter.getByRole("region", { name: "Editing now" })).toContainText(PEOPLE.editor.name);
  await expect(editor.getByRole("region", { name: "Editing now" })).toContainText(PEOPLE.reporter.name);

  // The same paragraph, at once: the reporter at its end, the editor at its start.
  await caretAfter(reporter, "Residents asked questions.");
  await storyBody(editor).getByText("Residents asked questions.").click();
  await editor.keyboard.press("Home");
  const arrivals = await Promise.all([typeAndTimeArrival(reporter, editor, " Many stayed late."), typeAndTimeArrival(editor, reporter, "Angry residents: ")]);
  // Each caret shows in the other browser, in its colour, with its person's name.
  await expect(reporter.locator(`.collab-caret[data-name="${PEOPLE.editor.name}"]`)).toHaveCount(1);
  await expect(editor.locator(`.collab-caret[data-name="${PEOPLE.reporter.name}"]`)).toHaveCount(1);

  // Different paragraphs, at once: the editor tightens the top while the reporter files the bottom.
  await caretAfter(editor, "The council met on Tuesday.");
  await reporter.keyboard.press("Control+End");
  await reporter.keyboard.press("Enter");
  arrivals.push(...(await Promise.all([typeAndTimeArrival(reporter, editor, "The vote is next week."), typeAndTimeArrival(editor, reporter, " Nine members came.")])));
  // The headline is shared too: both keep their words.
  await Promise.all([
    reporter.getByRole("textbox", { name: "Headline" }).press("End").then(() => reporter.keyboard.type(" today", { delay: KEY_DELAY_MS })),
    editor.getByRole("textbox", { name: "Headline" }).press("Home").then(() => editor.keyboard.type("Live: ", { delay: KEY_DELAY_MS })),
  ]);
  for (const page of [reporter, editor]) await expect(page.getByRole("textbox", { name: "Headline" })).toHaveValue(`Live: ${headline} today`);
  console.log(`collaboration: other person's words visible after ${arrivals.join(", ")} ms`);

  const expected = ["The council met on Tuesday. Nine members came.", "Angry residents: Residents asked questions. Many stayed late.", "The vote is next week."];
  for (const page of [reporter, editor]) {
    await expectSaved(page);
    await expectNoConflictUi(page);
  }
  for (const page of [reporter, editor]) {
    await page.reload();
    await expect(page.locator(".editor-loading")).toHaveCount(0, { timeout: 20_000 });
    const paragraphs = storyBody(page).locator("p");
    await expect(paragraphs).toHaveText(expected);
    await expect(page.getByRole("textbox", { name: "Headline" })).toHaveValue(`Live: ${headline} today`);
    await expectSaved(page);
    await expectNoConflictUi(page);
  }
});

test("a reporter whose network drops keeps writing offline; both type, the connection returns, and both see all the text, even across a reload while offline", async ({
  reporterPage: reporter,
  editorPage: editor,
}) => {
  accept(reporter);
  accept(editor);
  const network = await cuttableCollabNetwork(reporter.context());
  const url = await openNewStory(reporter, `Flaky network ${unique()}`);
  await storyBody(reporter).click();
  await reporter.keyboard.type("Filed before the drop.");
  await expectSaved(reporter);
  await openStory(editor, url);
  await expect(storyBody(editor)).toContainText("Filed before the drop.");

  await network.cut();
  await expect(reporter.getByRole("status")).toContainText("Offline");
  await reporter.keyboard.press("Enter");
  await reporter.keyboard.type("Written offline by the reporter.");
  await caretAfter(editor, "Filed before the drop.");
  await editor.keyboard.type(" Added by the editor meanwhile.");
  await expectSaved(editor);
  // The editor's words cannot reach the cut browser, nor the reporter's the editor.
  await expect(storyBody(reporter)).not.toContainText("Added by the editor meanwhile.");
  await expect(storyBody(editor)).not.toContainText("Written offline by the reporter.");
  await expect(reporter.getByRole("status")).toContainText("Offline");

  // A reload while still offline: the text comes back from this browser's own copy.
  await reporter.reload();
  await expect(storyBody(reporter)).toContainText("Written offline by the reporter.", { timeout: 20_000 });
  await expect(reporter.getByRole("status")).toContainText("Offline");
  await expect(storyBody(reporter)).toHaveAttribute("contenteditable", "true");
  await caretAfter(reporter, "Written offline by the reporter.");
  await reporter.keyboard.type(" And after the reload.");

  network.restore();
  await expectSaved(reporter, 30_000);
  for (const page of [reporter, editor]) {
    await expect(storyBody(page)).toContainText("Filed before the drop. Added by the editor meanwhile.");
    await expect(storyBody(page)).toContainText("Written offline by the reporter. And after the reload.");
    await expectNoConflictUi(page);
  }
  await editor.reload();
  await expect(storyBody(editor)).toContainText("Written offline by the reporter. And after the reload.", { timeout: 20_000 });
});

test("a reporter's socket on another reporter's draft is refused and changes nothing in the database", async ({ browser, reporterPage: reporter, adminPage: admin }) => {
  accept(reporter);
  const url = await openNewStory(reporter, `Not yours ${unique()}`);
  await storyBody(reporter).click();
  await reporter.keyboard.type("Only for my editor.");
  await expectSaved(reporter);
  const storyId = url.split("/").pop()!;
  const { context, page: other } = await createPerson(browser, "reporter", "outsider");
  try {
    // Let the working copy settle before taking the fingerprint.
    await expect.poll(async () => (await (await admin.request.get(`/api/stories/${storyId}`)).json()).headline, { timeout: 10_000 }).toMatch(/^Not yours/);
    const fingerprint = async () => (await admin.request.get("/api/test-hooks/fingerprint")).json();
    const before = await fingerprint();
    expect((await other.goto(url))?.status()).toBe(404);
    const outcome = await other.evaluate(
      (address) =>
        new Promise<string>((resolve) => {
          const socket = new WebSocket(address);
          socket.onopen = () => resolve("open");
          socket.onclose = () => resolve("refused");
        }),
      `${url.replace(/^http/, "ws").replace("/desk/stories/", "/desk/collab/")}`,
    );
    expect(outcome).toBe("refused");
    expect(await fingerprint()).toEqual(before);
  } finally {
    await context.close();
  }
});

test("a deactivated editor's open editor stops accepting changes within 5 seconds", async ({ browser, reporterPage: reporter, adminPage: admin }) => {
  accept(reporter);
  const url = await openNewStory(reporter, `Deactivation ${unique()}`);
  await storyBody(reporter).click();
  await reporter.keyboard.type("The reporter's text.");
  await expectSaved(reporter);
  const { person, context, page: editor } = await createPerson(browser, "editor", "deactivated-editor");
  try {
    accept(editor);
    await openStory(editor, url);
    await caretAfter(editor, "The reporter's text.");
    await editor.keyboard.type(" Before deactivation.");
    await expect(storyBody(reporter)).toContainText("Before deactivation.");

    await admin.goto("/desk/people");
    await admin.getByRole("link", { name: person.name, exact: true }).click();
    await admin.getByRole("button", { name: "Deactivate", exact: true }).click();
    await expect(admin.getByRole("status").filter({ hasText: "Deactivated." })).toBeVisible();
    const deactivated = Date.now();

    await expect(storyBody(editor)).toHaveAttribute("contenteditable", "false", { timeout: 5_000 });
    await expect(editor.getByRole("textbox", { name: "Headline" })).not.toBeEditable();
    await expect(editor.getByRole("alert").filter({ hasText: "Your session has ended" })).toBeVisible();
    console.log(`collaboration: deactivated editor locked after ${Date.now() - deactivated} ms`);
    // Nothing typed now reaches the story.
    await storyBody(editor).press("End").catch(() => undefined);
    await editor.keyboard.type(" After deactivation.");
    await reporter.waitForTimeout(1_500);
    await expect(storyBody(reporter)).not.toContainText("After deactivation.");
  } finally {
    await context.close();
  }
});
