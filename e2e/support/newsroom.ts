import { expect, type Browser, type BrowserContext, type Page } from "@playwright/test";

/** The first admin every journey signs in as; created by whichever journey reaches /setup first. */
export const ADMIN = {
  newsroom: "Dateline Test Newsroom",
  name: "Ada Admin",
  email: "ada.admin@dateline.test",
  password: "correct horse battery staple",
};

/**
 * Creates the newsroom through /setup with "Add sample content" ticked (which publishes the sample
 * article), or, when an earlier journey already did, signs in as its admin.
 */
export async function ensureNewsroom(page: Page): Promise<void> {
  await page.goto("/setup");
  if (/\/setup$/.test(page.url())) {
    await page.getByRole("textbox", { name: "Newsroom name" }).fill(ADMIN.newsroom);
    await page.getByRole("textbox", { name: "Your name" }).fill(ADMIN.name);
    await page.getByRole("textbox", { name: "Email" }).fill(ADMIN.email);
    await page.getByRole("textbox", { name: "Password" }).fill(ADMIN.password);
    await page.getByRole("checkbox", { name: "Add sample content" }).check();
    await page.getByRole("button", { name: "Create newsroom" }).click();
  } else {
    await page.goto("/login");
    await page.getByRole("textbox", { name: "Email" }).fill(ADMIN.email);
    await page.getByRole("textbox", { name: "Password" }).fill(ADMIN.password);
    await page.getByRole("button", { name: "Sign in" }).click();
  }
  await expect(page).toHaveURL(/\/desk/);
}

/** A browser context signed in as the admin, for the test-only story hooks. */
export async function adminContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await ensureNewsroom(page);
  await page.close();
  return context;
}
