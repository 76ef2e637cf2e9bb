import type { Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { publishStory } from "./support/hooks";

/**
 * Every desk and public page type loads with no console error, no uncaught exception and no
 * Content-Security-Policy violation. zod's eval probe (Function("")) used to trip the CSP on every
 * editor load; lib/validation/zod.ts configures it jitless before any schema exists.
 */

const RUN = Date.now().toString(36);

type Problems = { console: string[]; errors: string[] };

function watch(page: Page): Problems {
  const problems: Problems = { console: [], errors: [] };
  page.on("console", (message) => {
    if (message.type() === "error") problems.console.push(`${page.url()}: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.errors.push(`${page.url()}: ${error.message}`));
  return problems;
}

/** Records CSP violations in the page itself (the init script runs before any page script). */
async function listenForCspViolations(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const store = window as unknown as { __cspViolations: string[] };
    store.__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (event) => {
      store.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`);
    });
  });
}

async function visit(page: Page, path: string, ready: (page: Page) => Promise<void>): Promise<string[]> {
  await page.goto(path);
  await ready(page);
  await page.waitForLoadState("networkidle");
  return page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? ["the listener was not installed"]);
}

const h1 = (page: Page) => expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();

test("desk pages load with no console error and no CSP violation", async ({ adminPage: page }) => {
  test.setTimeout(180_000);
  const problems = watch(page);
  await listenForCspViolations(page);
  const story = await publishStory(page.request, { headline: `Console check ${RUN}`, sectionPath: "media-center/coalition-news", body: "A paragraph." });
  const editorReady = async (p: Page) => {
    await expect(p.getByRole("textbox", { name: "Story body" })).toBeVisible();
    await expect(p.getByRole("textbox", { name: "Headline" })).toBeVisible();
  };
  const pages: [string, (p: Page) => Promise<void>][] = [
    ["/desk", h1],
    ["/desk/stories/new", editorReady],
    [`/desk/stories/${story.storyId}`, editorReady],
    [`/desk/stories/${story.storyId}/history`, h1],
    ["/desk/review", h1],
    ["/desk/schedule", h1],
    ["/desk/sections", h1],
    ["/desk/people", h1],
    ["/desk/audit", h1],
    ["/desk/account", h1],
    ["/desk/notifications", h1],
  ];
  for (const [path, ready] of pages) {
    expect(await visit(page, path, ready), `CSP violations on ${path}`).toEqual([]);
  }
  // Typing in the editor builds and parses the save payload through zod in the browser.
  await page.goto(`/desk/stories/${story.storyId}`);
  await editorReady(page);
  await page.getByRole("textbox", { name: "Standfirst" }).fill(`Typed ${RUN}`);
  await expect(page.getByRole("status").filter({ hasText: "Saved" }).first()).toBeVisible({ timeout: 20_000 });
  expect(await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations)).toEqual([]);
  expect(problems).toEqual({ console: [], errors: [] });
});

test("public pages and sign-in load with no console error and no CSP violation", async ({ adminPage }) => {
  const story = await publishStory(adminPage.request, { headline: `Public console check ${RUN}`, sectionPath: "media-center/coalition-news", body: "A paragraph.", bylines: ["me"], tags: [`Console ${RUN}`] });
  const context = await adminPage.context().browser()!.newContext();
  const page = await context.newPage();
  const problems = watch(page);
  await listenForCspViolations(page);
  const tag = `/tags/console-${RUN}`;
  for (const path of ["/", "/media-center", story.path, "/authors/ada-admin", tag, `/search?q=${RUN}`, "/login"]) {
    expect(await visit(page, path, h1), `CSP violations on ${path}`).toEqual([]);
  }
  expect(problems).toEqual({ console: [], errors: [] });
  await context.close();
});
