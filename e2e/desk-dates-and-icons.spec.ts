import { expect, test } from "./support/fixtures";
import type { Page } from "@playwright/test";

// "03 Jan 2026, 14:05": the one date format of the desk, in the newsroom's time zone.
const DESK_MOMENT = /^\d{2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2}$/;
// Pictographs that need an emoji font (machines without one draw empty boxes).
const EMOJI = /[\u{1F300}-\u{1FAFF}\u{2600}-\u{26FF}\u{2700}-\u{27BF}]/u;

async function deskTimes(page: Page): Promise<string[]> {
  return page.locator("main time").allInnerTexts();
}

test("desk pages show times one way, in the newsroom's zone, and draw no emoji", async ({ editorPage: page }) => {
  for (const path of ["/desk", "/desk/notifications", "/desk/trash"]) {
    await page.goto(path);
    const times = await deskTimes(page);
    for (const text of times) expect(text.trim(), `${path}: ${text}`).toMatch(DESK_MOMENT);
    expect(await page.locator("body").innerText(), path).not.toMatch(EMOJI);
  }
  // The desk list has stories (the sample article at least), so the format was really checked there.
  await page.goto("/desk");
  expect((await deskTimes(page)).length).toBeGreaterThan(0);
  await expect(page.locator("summary[aria-label^='Notifications'] svg")).toBeVisible();

  // The editor's toolbar draws its icons as SVG too.
  await page.getByRole("link", { name: "New story" }).click();
  await page.waitForURL(/\/desk\/stories\/[0-9a-f-]{36}$/);
  const toolbar = page.getByRole("toolbar", { name: "Formatting" });
  await expect(toolbar.getByRole("button", { name: "Link", exact: true }).locator("svg")).toBeVisible();
  expect(await toolbar.innerText()).not.toMatch(EMOJI);
});
