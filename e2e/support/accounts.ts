/**
 * Signed-in newsroom people for Playwright journeys: reuse these instead of signing in by hand.
 *
 * The "newsroom-setup" project (e2e/support/newsroom.setup.ts) runs once per `playwright test`,
 * after "empty-newsroom" and before "journeys". Through the real UI it creates the newsroom at
 * /setup (admin PEOPLE.admin), invites PEOPLE.editor and PEOPLE.reporter at /desk/people, lets each
 * join through their invite link, and saves each person's signed-in browser state (Dub-style) to
 * .data/e2e-<port>/playwright/<role>.json. Every journey can then start signed in.
 *
 * In a journey, one browser per person (fixtures from ./fixtures):
 *
 *   import { expect, test } from "./support/fixtures";
 *   test("an editor approves a reporter's story", async ({ reporterPage, editorPage }) => {
 *     await reporterPage.goto("/desk/stories/new");
 *     ...
 *   });
 *
 * or a whole file signed in as one person, with the built-in `page`:
 *
 *   import { test } from "@playwright/test";
 *   import { storageStateFor } from "./support/accounts";
 *   test.use({ storageState: storageStateFor("editor") });
 *
 * Need someone you may break (deactivate, demote, reset, "Sign out everywhere")? Make a throwaway
 * person with `createPerson(browser, "reporter")`; it returns their signed-in page.
 *
 * Rules that keep the shared sessions alive for everyone else:
 * - Never deactivate, change the role of, reset the password of, or "Sign out everywhere" a
 *   PEOPLE.* person: that ends their session in every other journey. Never click "Sign out" on a
 *   page opened from a saved state (adminPage, editorPage, reporterPage, storageStateFor,
 *   newContextAs): it ends that saved session on the server, for every journey. Sign in afresh
 *   (`signInToDesk`) and sign that session out instead; the saved ones stay signed in.
 * - Failed sign-ins count against the account from that address (5 in any 15 minutes) and against
 *   the address (30). Every browser here is 127.0.0.1, so make deliberate failures from
 *   `newContextFromIp(browser)`: the e2e server trusts one proxy hop (DATELINE_TRUSTED_PROXIES=1),
 *   so each such context counts as its own address.
 * - Names are unique per run: use `uniqueEmail("label")` for anyone you invite.
 */
import fs from "node:fs";
import path from "node:path";
import { expect, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from "@playwright/test";

export type Role = "admin" | "editor" | "reporter";
export type Person = { name: string; email: string; password: string; role: Role };

export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
export const BASE_URL = `http://localhost:${E2E_PORT}`;
/** The e2e server's data folder: one per port, so parallel runs on one machine never share it. */
export const E2E_DATA_DIR = path.resolve(`.data/e2e-${E2E_PORT}`);
export const STORAGE_DIR = path.join(E2E_DATA_DIR, "playwright");

export const NEWSROOM_NAME = "The Dateline Gazette";
export const NEWSROOM_TIME_ZONE = "Asia/Damascus";

export const PEOPLE: Record<Role, Person> = {
  admin: { role: "admin", name: "Ada Admin", email: "ada.admin@dateline.test", password: "admin password for e2e" },
  editor: { role: "editor", name: "Eddie Editor", email: "eddie.editor@dateline.test", password: "editor password for e2e" },
  reporter: { role: "reporter", name: "Rita Reporter", email: "rita.reporter@dateline.test", password: "reporter password for e2e" },
};

export const ROLE_LABEL: Record<Role, string> = { admin: "Admin", editor: "Editor", reporter: "Reporter" };

/** The desk navigation each role must see, per the UI contract (plus "Schedule" for editors, "Trash" for everyone and "Audit log" for admins). */
export const NAV_LINKS: Record<Role, string[]> = {
  reporter: ["Desk", "New story", "Trash"],
  editor: ["Desk", "New story", "Review queue", "Schedule", "Trash", "Sections"],
  admin: ["Desk", "New story", "Review queue", "Schedule", "Trash", "Sections", "People", "Audit log"],
};

/** Saved signed-in state of a shared person, for `test.use({ storageState })` or newContext. */
export function storageStateFor(role: Role): string {
  return path.join(STORAGE_DIR, `${role}.json`);
}

export function ensureStorageDir(): void {
  fs.mkdirSync(STORAGE_DIR, { recursive: true });
}

let serial = 0;
export function uniqueEmail(label: string): string {
  return `${label}-${Date.now().toString(36)}-${++serial}@dateline.test`;
}

let ipSerial = 0;
/** A browser context that the server sees as coming from its own, never-used address. */
export async function newContextFromIp(browser: Browser, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  ipSerial++;
  const ip = `10.${(process.pid >> 8) % 250}.${Math.floor(ipSerial / 250) % 250}.${(ipSerial % 250) + 1}`;
  return browser.newContext({ baseURL: BASE_URL, ...options, extraHTTPHeaders: { ...options.extraHTTPHeaders, "x-forwarded-for": ip } });
}

/** A context signed in as a shared person (from the saved state). */
export function newContextAs(browser: Browser, role: Role): Promise<BrowserContext> {
  return browser.newContext({ baseURL: BASE_URL, storageState: storageStateFor(role) });
}

/** Signs in through /login. Leaves the page wherever the app sent it (normally /desk). */
export async function signIn(page: Page, who: { email: string; password: string }, callbackUrl?: string): Promise<void> {
  await page.goto(callbackUrl === undefined ? "/login" : `/login?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  await page.getByRole("textbox", { name: "Email", exact: true }).fill(who.email);
  await page.getByRole("textbox", { name: "Password", exact: true }).fill(who.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

/** Signs in and waits for the desk. */
export async function signInToDesk(page: Page, who: { email: string; password: string }): Promise<void> {
  await signIn(page, who);
  await expect(page).toHaveURL(`${BASE_URL}/desk`);
}

/** On an admin's page: invites someone through /desk/people and returns the invite link. */
export async function inviteSomeone(adminPage: Page, who: { name: string; email: string; role: Role }): Promise<string> {
  await adminPage.goto("/desk/people");
  await adminPage.getByRole("button", { name: "Invite someone", exact: true }).click();
  await adminPage.getByRole("textbox", { name: "Name", exact: true }).fill(who.name);
  await adminPage.getByRole("textbox", { name: "Email", exact: true }).fill(who.email);
  await adminPage.getByRole("combobox", { name: "Role", exact: true }).selectOption({ label: ROLE_LABEL[who.role] });
  await adminPage.getByRole("button", { name: "Create invite", exact: true }).click();
  const link = adminPage.getByLabel("Invite link", { exact: true });
  await expect(link).toHaveValue(/\/invite\/[A-Za-z0-9_-]{43}$/);
  return link.inputValue();
}

/** Opens an invite link, picks a name and password, joins, and lands on the desk signed in. */
export async function joinWithInvite(page: Page, inviteUrl: string, who: { name: string; password: string }): Promise<void> {
  await page.goto(inviteUrl);
  await page.getByRole("textbox", { name: "Your name", exact: true }).fill(who.name);
  await page.getByRole("textbox", { name: "Password", exact: true }).fill(who.password);
  await page.getByRole("button", { name: "Join newsroom", exact: true }).click();
  await expect(page).toHaveURL(`${BASE_URL}/desk`);
}

/**
 * A throwaway person, invited by the shared admin and joined through the UI: safe to deactivate,
 * demote, reset or sign out everywhere. Close `context` when done.
 */
export async function createPerson(
  browser: Browser,
  role: Role,
  label: string = role,
): Promise<{ person: Person; context: BrowserContext; page: Page }> {
  const person: Person = { role, name: `Temp ${label} ${++serial}`, email: uniqueEmail(`temp-${label}`), password: `temporary ${label} password` };
  const adminContext = await newContextAs(browser, "admin");
  try {
    const url = await inviteSomeone(await adminContext.newPage(), person);
    const context = await browser.newContext({ baseURL: BASE_URL });
    const page = await context.newPage();
    await joinWithInvite(page, url, person);
    return { person, context, page };
  } finally {
    await adminContext.close();
  }
}

/** The links in the desk's navigation, in order. */
export async function navLinkNames(page: Page): Promise<string[]> {
  const links = page.getByRole("navigation", { name: "Newsroom" }).getByRole("link");
  return (await links.allInnerTexts()).map((t) => t.replace(/\s+\d+$/, "").trim());
}
