/**
 * `test` with one signed-in browser per shared person: adminPage, editorPage, reporterPage.
 * Each is its own browser context (own cookies), created from the state saved by the
 * newsroom-setup project, and closed after the test. See ./accounts.ts for the rules.
 */
import { test as base, type Page } from "@playwright/test";
import { newContextAs, type Role } from "./accounts";

type SignedInPages = { adminPage: Page; editorPage: Page; reporterPage: Page };

function signedInPage(role: Role) {
  return async ({ browser }: { browser: import("@playwright/test").Browser }, use: (page: Page) => Promise<void>) => {
    const context = await newContextAs(browser, role);
    await use(await context.newPage());
    await context.close();
  };
}

export const test = base.extend<SignedInPages>({
  adminPage: signedInPage("admin"),
  editorPage: signedInPage("editor"),
  reporterPage: signedInPage("reporter"),
});

export { expect } from "@playwright/test";
