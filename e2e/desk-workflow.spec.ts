import { expect, test } from "@playwright/test";
import { signInAsAdmin } from "./support/admin-session";
import { expectNoAxeViolations } from "./support/axe";

test("the desk shows counts, an empty review queue, the schedule and sections to an admin", async ({ page }) => {
  await signInAsAdmin(page);
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  await expect(page.getByRole("link", { name: /Published/ })).toContainText("1");
  await expectNoAxeViolations(page);

  await page.getByRole("link", { name: "Review queue" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Review queue" })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "Nothing is waiting for review." })).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole("link", { name: "Schedule" }).click();
  await expect(page.getByText("Nothing is scheduled.")).toBeVisible();

  await page.getByRole("link", { name: "Sections" }).click();
  await expect(page.getByText("/media-center/coalition-news")).toBeVisible();
  await page.getByLabel("Section name").fill("Press Releases");
  await page.getByLabel("Parent section").selectOption({ label: "Media Center" });
  await page.getByRole("button", { name: "Create section" }).click();
  await expect(page.getByText("Section created at /media-center/press-releases.")).toBeVisible();
  await expect(page.getByText("/media-center/press-releases", { exact: true })).toBeVisible();
  await expectNoAxeViolations(page);
});
