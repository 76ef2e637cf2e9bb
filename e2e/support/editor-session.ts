import { expect, type Browser, type BrowserContext, type Page } from "@playwright/test";

/**
 * The newsroom's first admin, created through /setup (with sample sections) by whichever journey
 * gets there first; every later call signs in. Admins can do everything a reporter can.
 */
export const EDITOR_ADMIN = {
  newsroom: "Dateline Test Desk",
  name: "Rana Haddad",
  email: "rana.haddad@dateline.test",
  password: "correct horse battery staple",
} as const;

export async function signInAsAdmin(page: Page): Promise<void> {
  await page.goto("/setup");
  if (/\/setup$/.test(new URL(page.url()).pathname)) {
    await page.getByRole("textbox", { name: "Newsroom name" }).fill(EDITOR_ADMIN.newsroom);
    await page.getByRole("textbox", { name: "Your name" }).fill(EDITOR_ADMIN.name);
    await page.getByRole("textbox", { name: "Email" }).fill(EDITOR_ADMIN.email);
    await page.getByRole("textbox", { name: "Password" }).fill(EDITOR_ADMIN.password);
    await page.getByRole("checkbox", { name: "Add sample content" }).check();
    await page.getByRole("button", { name: "Create newsroom" }).click();
    await page.waitForURL(/\/desk/);
    return;
  }
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

export async function expectSaved(page: Page, timeout = 20_000): Promise<void> {
  await expect(page.getByRole("status")).toContainText("Saved", { timeout });
}
