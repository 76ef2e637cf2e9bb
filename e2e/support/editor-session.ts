import { expect, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { PEOPLE } from "./accounts";

/**
 * Signs in as the newsroom's admin (created by the newsroom-setup project, see ./accounts.ts).
 * Admins can do everything a reporter can; journeys that need the reporter's limits use the
 * fixtures in ./fixtures.ts instead.
 */
export const EDITOR_ADMIN = PEOPLE.admin;

export async function signInAsAdmin(page: Page): Promise<void> {
  await page.goto("/login");
  if (/\/desk/.test(page.url())) return;
  await page.getByRole("textbox", { name: "Email" }).fill(EDITOR_ADMIN.email);
  await page.getByRole("textbox", { name: "Password" }).fill(EDITOR_ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/desk/);
}

/** A second, separate browser session (another tab's worth of state: its own storage and cookies). */
export async function newSignedInContext(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInAsAdmin(page);
  return { context, page };
}

/** The story body editor, once Tiptap has mounted it. */
export function storyBody(page: Page) {
  return page.getByRole("textbox", { name: "Story body" });
}

/** A story's own editor page. */
export const STORY_URL = /\/desk\/stories\/[0-9a-f-]{36}$/;

/**
 * "New story" from the desk: the story exists at once, so the page is its own before the first
 * key; returns once the body accepts typing (the shared document has arrived).
 */
export async function openNewStory(page: Page, headline?: string): Promise<string> {
  await page.goto("/desk");
  await page.getByRole("link", { name: "New story" }).click();
  await page.waitForURL(STORY_URL, { timeout: 20_000 });
  await expect(storyBody(page)).toHaveAttribute("contenteditable", "true", { timeout: 20_000 });
  if (headline !== undefined) await page.getByRole("textbox", { name: "Headline" }).fill(headline);
  return page.url();
}

/** Opens a story's editor and waits until its body holds the shared document. */
export async function openStory(page: Page, url: string, options: { editable?: boolean } = {}): Promise<void> {
  await page.goto(url);
  await expect(page.locator(".editor-loading")).toHaveCount(0, { timeout: 20_000 });
  if (options.editable !== false) await expect(storyBody(page)).toHaveAttribute("contenteditable", "true");
}

export async function expectSaved(page: Page, timeout = 20_000): Promise<void> {
  await expect(page.getByRole("status")).toContainText("Saved", { timeout });
}
