import { expect, test } from "./support/fixtures";
import { publishStory } from "./support/hooks";

const RUN = Date.now().toString(36);

test("an editor adds an Arabic translation from the story; once published, both pages link each other", async ({ editorPage: page, adminPage, baseURL }) => {
  test.setTimeout(120_000);
  const original = await publishStory(adminPage.request, { headline: `Ceasefire talks resume ${RUN}`, sectionPath: "media-center/coalition-news", body: "Talks resumed on Monday." });

  await page.goto(`/desk/stories/${original.storyId}`);
  const panel = page.getByRole("region", { name: "Translations" });
  await expect(panel).toContainText("No other language yet.");
  await panel.getByRole("combobox", { name: "Language", exact: true }).selectOption("ar");
  await panel.getByRole("button", { name: "Add translation" }).click();

  await expect(page).not.toHaveURL(new RegExp(original.storyId));
  await expect(page).toHaveURL(/\/desk\/stories\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("combobox", { name: "Story language" })).toHaveValue("ar");
  await expect(page.getByRole("textbox", { name: "Headline" })).toHaveValue(`Ceasefire talks resume ${RUN}`);
  const back = page.getByRole("region", { name: "Translations" });
  await expect(back.getByRole("link", { name: `Ceasefire talks resume ${RUN}` })).toHaveAttribute("href", `/desk/stories/${original.storyId}`);
  // Arabic is taken now: it is no longer offered.
  await expect(back.getByRole("combobox", { name: "Language", exact: true }).locator('option[value="ar"]')).toHaveCount(0);

  // Translate the headline and publish it from the desk.
  await page.getByRole("textbox", { name: "Headline" }).fill(`استئناف محادثات وقف إطلاق النار ${RUN}`);
  await page.getByRole("textbox", { name: "Slug" }).fill(`ceasefire-talks-ar-${RUN}`);
  // Saved as typed (the shared document): wait until the server has every change.
  await expect(page.getByRole("status").filter({ hasText: "Saved" }).first()).toBeVisible({ timeout: 20_000 });
  // (A confirmation dialog is in the UI contract; the desk on main publishes at once.)
  await page.getByRole("button", { name: "Publish now" }).click();
  await expect(page.getByText("Status: Published")).toBeVisible({ timeout: 20_000 });
  const published = { path: new URL((await page.getByRole("link", { name: "View live" }).getAttribute("href"))!, baseURL).pathname };
  await page.goto(original.path);
  await expect(page.locator('link[rel="alternate"][hreflang="ar"]')).toHaveAttribute("href", `${baseURL}${published.path}`);
  await expect(page.getByRole("link", { name: /العربية/ })).toHaveAttribute("href", published.path);
});

test("a reporter sees no translation controls (the forged-request suite covers the actions)", async ({ reporterPage: page, adminPage }) => {
  const story = await publishStory(adminPage.request, { headline: `Reporter cannot translate ${RUN}`, sectionPath: "media-center/coalition-news" });
  await page.goto(`/desk/stories/${story.storyId}`);
  // A colleague's live story opens as readers see it.
  await expect(page.getByRole("heading", { level: 1, name: `Reporter cannot translate ${RUN}` })).toBeVisible();
  await expect(page.getByRole("button", { name: "Add translation" })).toHaveCount(0);
});
