import { expect, type Page } from "@playwright/test";

export const ADMIN = { name: "Amal Admin", email: "admin@dateline.test", password: "correct horse battery staple" };

/** Creates the newsroom (with sample content) on first use, then signs the admin in. Idempotent. */
export async function signInAsAdmin(page: Page): Promise<void> {
  await page.goto("/setup");
  if (await page.getByRole("button", { name: "Create newsroom" }).isVisible().catch(() => false)) {
    await page.getByRole("textbox", { name: "Newsroom name" }).fill("Coalition Media Office");
    await page.getByRole("textbox", { name: "Your name" }).fill(ADMIN.name);
    await page.getByRole("textbox", { name: "Email" }).fill(ADMIN.email);
    await page.getByLabel("Password").fill(ADMIN.password);
    await page.getByLabel("Newsroom time zone").selectOption("Asia/Damascus");
    await page.getByRole("checkbox", { name: "Add sample content" }).check();
    await page.getByRole("button", { name: "Create newsroom" }).click();
    await expect(page).toHaveURL(/\/desk$/);
    return;
  }
  if (/\/desk/.test(page.url())) return;
  await page.goto("/login");
  if (/\/desk/.test(page.url())) return;
  await page.getByRole("textbox", { name: "Email" }).fill(ADMIN.email);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/desk$/);
}
