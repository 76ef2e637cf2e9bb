import type { Browser, BrowserContext } from "@playwright/test";
import { NEWSROOM_NAME, newContextAs, PEOPLE } from "./accounts";

/** The admin the newsroom-setup project created (see ./accounts.ts), with the newsroom's name. */
export const ADMIN = { ...PEOPLE.admin, newsroom: NEWSROOM_NAME };

/** A browser context signed in as the admin, for the test-only story hooks. */
export async function adminContext(browser: Browser): Promise<BrowserContext> {
  return newContextAs(browser, "admin");
}
