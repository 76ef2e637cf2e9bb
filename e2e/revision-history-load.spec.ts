import { performance } from "node:perf_hooks";
import type { APIRequestContext } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { hook, publishStory } from "./support/hooks";
import { BASE_URL } from "./support/accounts";

/**
 * Issue 11, point 4: one reporter's two huge revisions must not stall the server. The history page
 * comparing two ~2 MB revisions is timed against the production server while a cached public page
 * is requested over and over beside it; both must stay within the figures.
 */

const RUN = Date.now().toString(36);
// Body text just under the 2 MB save limit once wrapped as ProseMirror JSON.
const TARGET_CHARS = 1_900_000;

function paragraphs(seed: number): string[] {
  const words = ["council", "water", "supply", "minister", "said", "Tuesday", "convoy", "city", "budget", "the", "of", "a", "report"];
  let state = seed;
  const next = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  const out: string[] = [];
  let size = 0;
  while (size < TARGET_CHARS) {
    const length = 60 + Math.floor(next() * 80);
    const text = Array.from({ length }, () => words[Math.floor(next() * words.length)]).join(" ") + ".";
    out.push(text);
    size += text.length + 2;
  }
  return out;
}

function doc(texts: string[]) {
  return { type: "doc", content: texts.map((text) => ({ type: "paragraph", content: [{ type: "text", text }] })) };
}

/** GETs `path` without cookies, as a reader would, and returns the milliseconds it took. */
async function timedPublicGet(path: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(`${BASE_URL}${path}`);
  await response.arrayBuffer();
  expect(response.status).toBe(200);
  return performance.now() - started;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!;
}
const median = (values: number[]) => percentile(values, 50);

test("the history of two 2 MB revisions renders in under 300 ms while a cached public page stays under 50 ms", async ({ adminPage }) => {
  test.setTimeout(120_000);
  const api = adminPage.request;
  const reader = await publishStory(api, { headline: `Cached page beside a huge history ${RUN}`, sectionPath: "reports", body: "The page readers keep asking for." });
  try {
    await measureHistoryBeside(api, reader.path);
  } finally {
    // Leave the desk's list of published stories as the other journeys expect it.
    await hook(api, "unpublish", { storyId: reader.storyId, reason: "Test page for the history timing." });
  }
});

async function measureHistoryBeside(api: APIRequestContext, readerPath: string): Promise<void> {
  // Twice: the first request renders and caches the page, the second is served from the cache.
  await timedPublicGet(readerPath);
  await timedPublicGet(readerPath);

  const { storyId } = await hook(api, "draft", { headline: `Two huge revisions ${RUN}`, sectionPath: "reports", body: "Short to begin with." });
  const original = paragraphs(1);
  // The second revision rewrites every 20th paragraph and edits a word in every 7th.
  const rewritten = paragraphs(2);
  const second = original.map((p, i) => (i % 20 === 0 ? rewritten[i]! : i % 7 === 0 ? `${p} Updated.` : p));
  // Read once while the body is short; each save answers with the version it made.
  const story = (await (await api.get(`/api/stories/${storyId}`)).json()) as Record<string, unknown> & { version: number };
  let version = story.version;
  for (const body of [original, second]) {
    const draft = {
      headline: story.headline,
      standfirst: story.standfirst,
      body: doc(body),
      sourceLine: story.sourceLine,
      slug: story.slug,
      sectionId: story.sectionId,
      language: story.language,
      tags: story.tags,
      bylines: story.bylines,
      featuredMediaId: story.featuredMediaId,
      featuredCaption: story.featuredCaption,
      featuredCredit: story.featuredCredit,
      seoTitle: story.seoTitle,
      seoDescription: story.seoDescription,
    };
    const saved = await api.post(`/api/stories/${storyId}/draft`, { data: { baseVersion: version, kind: "manual", draft }, headers: { origin: BASE_URL } });
    const answer = await saved.text();
    expect(saved.status(), answer.slice(0, 300)).toBe(200);
    version = (JSON.parse(answer) as { version: number }).version;
  }

  const history = `/desk/stories/${storyId}/history`;
  // The first renders load the route's code and warm the JIT; a reader of the history waits for
  // the later ones.
  for (let round = 0; round < 3; round++) expect((await api.get(history)).status()).toBe(200);
  // The public page alone, for the record: what the machine gives a cached page without the history.
  const alone: number[] = [];
  for (let round = 0; round < 20; round++) alone.push(await timedPublicGet(readerPath));

  const historyTimes: number[] = [];
  const publicTimes: number[] = [];
  let size = 0;
  for (let round = 0; round < 5; round++) {
    let done = false;
    const started = performance.now();
    const page = api.get(history).then(async (response) => {
      const html = await response.text();
      historyTimes.push(performance.now() - started);
      done = true;
      return { status: response.status(), html };
    });
    // Readers keep arriving while the comparison runs.
    while (!done) publicTimes.push(await timedPublicGet(readerPath));
    const { status, html } = await page;
    expect(status).toBe(200);
    expect(html).toContain("Too large to compare word by word");
    size = Math.max(size, html.length);
  }
  console.log(`history page: ${historyTimes.map((t) => t.toFixed(0)).join(", ")} ms; ${(size / 1024).toFixed(0)} KB`);
  const figures = (times: number[]) => `median ${median(times).toFixed(1)} ms, p90 ${percentile(times, 90).toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms`;
  console.log(`cached public page beside it: ${publicTimes.length} requests, ${figures(publicTimes)}`);
  console.log(`cached public page alone: ${alone.length} requests, ${figures(alone)}`);
  expect(median(historyTimes)).toBeLessThan(300);
  // The 90th percentile: on a shared machine a cached page alone sometimes waits 100 ms for a CPU;
  // before the fix every request made during a comparison waited seconds.
  expect(percentile(publicTimes, 90)).toBeLessThan(50);
  // Bounded output: the issue measured 10.8 MB of HTML for such a pair.
  expect(size).toBeLessThan(1024 * 1024);
}
