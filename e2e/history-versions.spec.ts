import { expect, test } from "./support/fixtures";
import { expectNoAxeViolations } from "./support/axe";
// The test hooks that make the versions are an admin's; the history is read as that admin.
import { hook, publishStory } from "./support/hooks";

const RUN = Date.now().toString(36);

test("history says which version is shown, marks the live one readably, and restores the version shown", async ({ adminPage: page }) => {
  const api = page.request;
  const story = await publishStory(api, { headline: `Harbour fees ${RUN}`, sectionPath: "media-center/coalition-news", body: "The harbour fees rise in March." });
  await hook(api, "update", { storyId: story.storyId, body: "The harbour fees rise in April." });

  await page.goto(`/desk/stories/${story.storyId}/history`);
  const table = page.getByRole("table", { name: "Versions, newest first" });
  const newest = table.getByRole("row").nth(1);
  await expect(newest).toContainText("Live");
  await expect(newest).toContainText("Newest");
  // axe checks the badges' colour contrast among everything else.
  await expectNoAxeViolations(page);

  const rows = table.getByRole("row");
  const count = await rows.count();
  // The oldest version: the story as it was first written.
  const oldest = rows.nth(count - 1).getByRole("link");
  const oldestName = (await oldest.innerText()).trim();
  const oldestNumber = Number(oldestName.replace(/\D+/g, ""));
  await oldest.click();
  await expect(page.getByRole("heading", { level: 2, name: new RegExp(`^Version ${oldestNumber} compared with version \\d+$`) })).toBeVisible();
  await expect(page.getByText(`Showing version ${oldestNumber},`)).toBeVisible();
  await expect(page.getByText(new RegExp(`Changes from version ${oldestNumber} \\(the one shown, older\\) to version \\d+ \\(newer\\)`))).toBeVisible();
  const restore = page.getByRole("button", { name: "Restore this version" });
  await expect(restore).toHaveAccessibleDescription(new RegExp(`^Restoring copies version ${oldestNumber} \\(saved `));
  await restore.click();
  await page.waitForURL(new RegExp(`/desk/stories/${story.storyId}$`));

  // The working copy is now the version that was shown: March, not April.
  const stored = (await (await api.get(`/api/stories/${story.storyId}`)).json()) as { body: unknown };
  expect(JSON.stringify(stored.body)).toContain("The harbour fees rise in March.");
  expect(JSON.stringify(stored.body)).not.toContain("April");
});
