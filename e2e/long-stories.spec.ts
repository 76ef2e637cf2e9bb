import { expect, test } from "./support/fixtures";
import { expectSaved, storyBody } from "./support/editor-session";
import { contentSecurityPolicy } from "../lib/security/headers.mjs";

// A long read: ~60 KB of text in 120 paragraphs, well past the ~16 KB at which the production
// server used to stop ending responses (the save's answer and the story's navigation payload).
const PARAGRAPHS = Array.from({ length: 120 }, (_, i) => `Paragraph ${i + 1} of the long read. ${"The council met again on Tuesday to weigh the budget, the water supply and the schools. ".repeat(5)}`);
const LONG_TEXT = PARAGRAPHS.join("\n\n");

test("a long story (over 50 KB) is pasted, saved, and opened again from the desk list", async ({ reporterPage: page }) => {
  expect(LONG_TEXT.length).toBeGreaterThan(50_000);
  page.on("dialog", (dialog) => void dialog.accept());
  const headline = `Long read ${Date.now()}`;
  await page.goto("/desk");
  await page.getByRole("link", { name: "New story" }).click();
  // "New story" opens the story's own address before the first key.
  await page.waitForURL(/\/desk\/stories\/[0-9a-f-]{36}$/, { timeout: 20_000 });
  const storyUrl = page.url();
  await page.getByRole("textbox", { name: "Headline" }).fill(headline);
  const body = storyBody(page);
  await expect(body).toHaveAttribute("contenteditable", "true");
  await body.click();
  // Pasted as a reporter pastes copy from elsewhere: one clipboard paste of plain text.
  await body.evaluate((element, text) => {
    const data = new DataTransfer();
    data.setData("text/plain", text);
    element.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  }, LONG_TEXT);
  await expect(body).toContainText("Paragraph 120 of the long read.");

  // Saved as it is typed; the working copy (what the JSON route answers) follows within a second.
  await expectSaved(page);
  await expect
    .poll(async () => {
      const stored = (await (await page.request.get(`/api/stories/${storyUrl.split("/").pop()}`)).json()) as { headline: string; body: unknown };
      return stored.headline === headline && JSON.stringify(stored.body).includes("Paragraph 120 of the long read.");
    }, { timeout: 10_000 })
    .toBe(true);

  // Back to the desk list and into the story by clicking it: a client-side navigation whose
  // payload carries the whole story.
  await page.getByRole("link", { name: "Desk" }).click();
  await expect(page).toHaveURL(/\/desk$/);
  await page.getByRole("link", { name: headline }).first().click();
  await expect(page).toHaveURL(storyUrl, { timeout: 10_000 });
  await expect(page.getByRole("textbox", { name: "Headline" })).toHaveValue(headline, { timeout: 10_000 });
  await expect(storyBody(page)).toContainText("Paragraph 120 of the long read.");
  await expect(storyBody(page)).toContainText("Paragraph 1 of the long read.");
});

test("a script injected into a rendered page does not run under its policy, while the page's own scripts do", async ({ reporterPage: page }) => {
  // A story's editor page (made by "New story", which opens the story's own address).
  await page.goto("/desk");
  await page.getByRole("link", { name: "New story" }).click();
  await page.waitForURL(/\/desk\/stories\/[0-9a-f-]{36}$/, { timeout: 20_000 });
  const path = new URL(page.url()).pathname;
  const rendered = await (await page.request.get(path)).text();
  // What an injection would look like: an inline script inside the page's markup.
  const injected = rendered.replace(/<body([^>]*)>/, '<body$1><script>window.__injected = "ran"</script>');
  expect(injected).toContain("window.__injected");
  // The policy the production server computes for exactly this HTML.
  const csp = contentSecurityPolicy(injected, { frameable: false });
  await page.route(`**${path}`, (route) =>
    route.request().resourceType() === "document" ? route.fulfill({ status: 200, headers: { "content-type": "text/html; charset=utf-8", "content-security-policy": csp }, body: injected }) : route.continue(),
  );
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __violations: string[] }).__violations = seen;
    document.addEventListener("securitypolicyviolation", (event) => seen.push(`${event.effectiveDirective} ${event.blockedURI}`));
  });
  await page.goto(path);

  // The page's own inline scripts ran: the app hydrated and the editor takes typing.
  const body = storyBody(page);
  await expect(body).toHaveAttribute("contenteditable", "true");
  await body.click();
  await body.pressSequentially("Typed under the policy.");
  await expect(body).toContainText("Typed under the policy.");
  // The injected one did not: of the page's script elements the browser refused exactly one, inline.
  // (zod probes whether eval is allowed and is refused, as on every page: that is a script-src
  // 'eval' report, not a script element.)
  expect(await page.evaluate(() => (window as unknown as { __injected?: string }).__injected)).toBeUndefined();
  const violations = await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);
  expect(violations.filter((v) => v.startsWith("script-src-elem"))).toEqual(["script-src-elem inline"]);
});
