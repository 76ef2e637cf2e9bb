import { expect, test } from "@playwright/test";
import { expectNoAxeViolations } from "./support/axe";

test("an empty newsroom's home page says so politely and passes axe", async ({ page }) => {
  const response = await page.goto("/");
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1, name: "Latest news" })).toBeVisible();
  await expect(page.getByText("Nothing has been published yet.")).toBeVisible();
  await expectNoAxeViolations(page);
});

test("the desk sends a signed-out visitor to sign in, and the sign-in page passes axe", async ({ page }) => {
  const first = await page.request.get("/desk", { maxRedirects: 0 });
  expect(first.status()).toBe(307);
  expect(first.headers()["location"]).toMatch(/\/login\?callbackUrl=%2Fdesk$/);
  await page.goto("/desk");
  await expect(page).toHaveURL(/\/(login|setup)/);
  // Before anyone has set the newsroom up, sign-in hands over to setup.
  await expect(page).toHaveURL(/\/setup$/);
  await expect(page.getByRole("button", { name: "Create newsroom" })).toBeVisible();
  await expectNoAxeViolations(page);
});

test("a forged desk cookie is not a session", async ({ page, context }) => {
  await context.addCookies([{ name: "dateline.session", value: "forged", url: "http://localhost" }]);
  await page.goto("/desk");
  await expect(page).not.toHaveURL(/\/desk/);
});
