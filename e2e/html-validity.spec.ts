/**
 * The public pages are valid HTML (html-validate's "standard" rules: the WHATWG content model,
 * attributes, nesting, ids), checked on the exact bytes the server sends.
 */
import { HtmlValidate } from "html-validate";
import { expect, test } from "@playwright/test";

const validator = new HtmlValidate({ extends: ["html-validate:standard"] });

const PAGES = [
  "/",
  "/media-center",
  "/media-center/coalition-news",
  "/media-center/coalition-news/head-of-aleppo-provincial-council-french-fm-calling-to-save-aleppo",
  "/search?q=Aleppo",
  "/search?q=",
  "/no-such-page-anywhere",
];

for (const path of PAGES) {
  test(`${path} is valid HTML`, async ({ request }) => {
    const response = await request.get(path);
    expect([200, 404]).toContain(response.status());
    const report = await validator.validateString(await response.text());
    const problems = report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId} (line ${m.line}): ${m.message}`));
    expect(problems).toEqual([]);
  });
}
