import { expect, test as setup } from "@playwright/test";
import { BASE_URL, ensureStorageDir, inviteSomeone, joinWithInvite, NEWSROOM_NAME, NEWSROOM_TIME_ZONE, PEOPLE, storageStateFor } from "./accounts";

// Runs once, on the empty newsroom, before every journey: the first-run flow (with the sample
// content: sections Media Center > Coalition News and the published sample article) and the invite flow
// through the UI, leaving a saved signed-in state for each of the three roles (see accounts.ts).
setup("set up the newsroom, invite an editor and a reporter, and save everyone's session", async ({ browser }) => {
  ensureStorageDir();
  const adminContext = await browser.newContext({ baseURL: BASE_URL });
  const admin = await adminContext.newPage();
  await admin.goto("/setup");
  await admin.getByRole("textbox", { name: "Newsroom name", exact: true }).fill(NEWSROOM_NAME);
  await admin.getByRole("textbox", { name: "Your name", exact: true }).fill(PEOPLE.admin.name);
  await admin.getByRole("textbox", { name: "Email", exact: true }).fill(PEOPLE.admin.email);
  await admin.getByRole("textbox", { name: "Password", exact: true }).fill(PEOPLE.admin.password);
  // The sample article's dateline is Damascus time; journeys read it on the public site.
  await admin.getByRole("combobox", { name: "Newsroom time zone" }).selectOption(NEWSROOM_TIME_ZONE);
  await admin.getByRole("checkbox", { name: "Add sample content", exact: true }).check();
  await admin.getByRole("button", { name: "Create newsroom", exact: true }).click();
  await expect(admin).toHaveURL(`${BASE_URL}/desk`);
  await expect(admin.getByRole("button", { name: "Sign out", exact: true })).toBeVisible();
  await adminContext.storageState({ path: storageStateFor("admin") });

  // Setup cannot be replayed: it now hands over to sign-in.
  await admin.goto("/setup");
  await expect(admin).toHaveURL(/\/(login|desk)$/);

  for (const role of ["editor", "reporter"] as const) {
    const url = await inviteSomeone(admin, PEOPLE[role]);
    const context = await browser.newContext({ baseURL: BASE_URL });
    const page = await context.newPage();
    await joinWithInvite(page, url, PEOPLE[role]);
    await context.storageState({ path: storageStateFor(role) });
    await context.close();
  }
  await adminContext.close();
});
