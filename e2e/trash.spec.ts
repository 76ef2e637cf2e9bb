import { expect, test } from "./support/fixtures";
import { expectNoAxeViolations } from "./support/axe";
import { expectSaved, openNewStory, storyBody } from "./support/editor-session";

test.beforeEach(async ({ reporterPage: page }) => {
  // Leaving a page with unsaved text asks first; these journeys always mean to leave.
  page.on("dialog", (dialog) => void dialog.accept());
});

test("a reporter moves a draft to the trash, finds it there, restores it, then deletes it for good", async ({ reporterPage: page }) => {
  const headline = `Trash journey ${Date.now().toString(36)}`;
  const storyUrl = await openNewStory(page, headline);
  await storyBody(page).click();
  await page.keyboard.type("A draft nobody will publish.");
  await expectSaved(page);

  // The slug field shows where the story would live, section included.
  const slug = await page.getByRole("textbox", { name: "Slug" }).inputValue();
  const origin = new URL(storyUrl).origin;
  await expect(page.locator("#story-slug-hint")).toContainText(`Public address: ${origin}/${slug}`);
  await page.getByRole("combobox", { name: "Section" }).selectOption({ label: "Media Center › Coalition News" });
  await expect(page.locator("#story-slug-hint")).toContainText(`${origin}/media-center/coalition-news/${slug}`);
  await expectSaved(page);

  await page.getByRole("button", { name: "Move to trash" }).click();
  const banner = page.getByRole("region", { name: "In the trash" });
  await expect(banner).toContainText("This story is in the trash");
  await expect(banner).toBeFocused();
  await expect(page.getByRole("textbox", { name: "Headline" })).not.toBeEditable();
  await expect(page.getByRole("button", { name: "Submit for review" })).toHaveCount(0);
  await expectNoAxeViolations(page);

  await page.getByRole("link", { name: "Desk", exact: true }).click();
  await expect(page.getByRole("link", { name: headline })).toHaveCount(0);

  await page.getByRole("link", { name: "Trash" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Trash" })).toBeVisible();
  const item = page.getByRole("listitem").filter({ has: page.getByRole("link", { name: headline }) });
  await expect(item).toContainText("deleted for good on");
  await expectNoAxeViolations(page);
  await item.getByRole("button", { name: "Restore" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Restored from the trash." })).toBeFocused();
  await expect(page.getByRole("link", { name: headline })).toHaveCount(0);

  await page.getByRole("link", { name: "Desk", exact: true }).click();
  await page.getByRole("link", { name: headline }).click();
  await expect(page.getByRole("textbox", { name: "Headline" })).toBeEditable();
  await page.getByRole("button", { name: "Move to trash" }).click();
  await expect(page.getByRole("region", { name: "In the trash" })).toBeVisible();

  await page.getByRole("link", { name: "Trash" }).click();
  const again = page.getByRole("listitem").filter({ has: page.getByRole("link", { name: headline }) });
  await again.getByRole("button", { name: "Delete for good" }).click();
  await expect(again).toContainText("This cannot be undone.");
  await again.getByRole("button", { name: "Confirm delete for good" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Deleted for good." })).toBeFocused();
  await expect(page.getByRole("link", { name: headline })).toHaveCount(0);
  expect((await page.goto(storyUrl))?.status()).toBe(404);
});

test("a published story offers no Move to trash", async ({ editorPage: page }) => {
  await page.goto("/desk?status=published&q=Aleppo");
  await page.getByRole("link", { name: /Head of Aleppo Provincial Council/ }).first().click();
  await expect(page.getByRole("textbox", { name: "Headline" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Move to trash" })).toHaveCount(0);
});
