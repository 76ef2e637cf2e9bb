import { expect, test } from "./support/fixtures";
import { expectNoAxeViolations } from "./support/axe";

test("the desk shows counts, the review queue, the schedule and sections to an editor", async ({ editorPage: page }) => {
  await page.goto("/desk");
  await expect(page.getByRole("link", { name: /^[1-9]\d* Published$/ })).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole("link", { name: "Review queue" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Review queue" })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: /waiting for review/ })).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole("link", { name: "Schedule" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Schedule" })).toBeVisible();

  await page.getByRole("link", { name: "Sections" }).click();
  await expect(page.getByText("/media-center/coalition-news")).toBeVisible();
  const name = `Press Releases ${Date.now().toString(36)}`;
  await page.getByLabel("Section name").fill(name);
  await page.getByLabel("Parent section").selectOption({ label: "Media Center" });
  await page.getByRole("button", { name: "Create section" }).click();
  await expect(page.getByText(/Section created at \/media-center\/press-releases-/)).toBeVisible();
  await expectNoAxeViolations(page);
});

test("reporters have no review queue, schedule or sections: the server answers 404", async ({ reporterPage: page }) => {
  for (const path of ["/desk/review", "/desk/schedule", "/desk/sections"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
  }
  const api = await page.request.get("/api/desk/review-queue");
  expect(api.status()).toBe(403);
});
