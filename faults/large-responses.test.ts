/**
 * Large responses through the real production server (scripts/serve.mjs, as `npm start` runs it):
 * feeds, sitemaps, the JSON story route, RSC navigation payloads (`RSC: 1`), desk pages and public
 * article pages of about 16 KB, 64 KB, 1 MB and 2 MB each end, with the right length, within a
 * second (the second time each is asked: the first also pays for rendering, and the timings of
 * both are printed). Responses over ~16 KB that were not HTML used to stream all their bytes and
 * then never end (scripts/response-capture.mjs says why).
 *
 * Feeds are capped at 50 items of short excerpts and a sitemap file at 10,000 addresses, so those
 * kinds reach the sizes their content allows: a section feed over 16 KB, the site feed over 64 KB,
 * the news sitemap, and a full sitemap file of ~1 MB.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { setDbHandleForTests } from "@/lib/db";
import { openDatabase } from "@/lib/db/open";
import { plainTextToDoc } from "@/lib/content/text";
import { transitionStory } from "@/lib/publishing/commands";
import { ensureSection } from "@/lib/sections/commands";
import { setUpNewsroom } from "@/lib/settings/commands";
import { createStory } from "@/lib/stories/commands";
import { draftOf } from "@/lib/testing/fixtures";
import type { Viewer } from "@/lib/auth/policy";
import { startAppServer, type AppServer } from "@/scripts/support/app-server";
import { signIn } from "@/scripts/support/http-session";

const PORT = Number(process.env.LARGE_RESPONSES_PORT ?? 3351);
const ADMIN = { email: "large@dateline.test", password: "large-responses-password-1" };
const KB = 1024;
const SIZES = { "16 KB": 16 * KB, "64 KB": 64 * KB, "1 MB": 1024 * KB, "2 MB": 2048 * KB } as const;
type SizeName = keyof typeof SIZES;
// The target: each response ends within a second.
const LIMIT_MS = 1000;

let server: AppServer;
let dataDir: string;
let cookie = "";
const bigStories = new Map<SizeName, { id: string; path: string }>();
const timings: string[] = [];

/** A story body whose ProseMirror JSON is just under `bytes` (the body limit is 2 MB of JSON). */
function bodyOfSize(bytes: number) {
  const paragraph = crypto.randomBytes(300).toString("base64").replace(/[+/=]/g, " ");
  const perParagraph = JSON.stringify(plainTextToDoc(`0 ${paragraph}\n\n1 ${paragraph}`)).length - JSON.stringify(plainTextToDoc(`0 ${paragraph}`)).length + 8;
  const count = Math.floor((bytes - 64) / perParagraph);
  const doc = plainTextToDoc(Array.from({ length: count }, (_, i) => `${i} ${paragraph}`).join("\n\n"));
  if (JSON.stringify(doc).length > bytes) throw new Error("body over its size");
  return doc;
}

// XML escapes each "&": a realistic standfirst that also fills the feed's 50 items past 64 KB.
const standfirst = (i: number) => `Standfirst ${i}: ${"Q&A: the council & the ministry met on Tuesday over budget & water supply. ".repeat(14)}`.slice(0, 995);

async function seed(): Promise<void> {
  const handle = await openDatabase({ engine: "pglite", dataDir });
  setDbHandleForTests(handle);
  try {
    const setup = await setUpNewsroom({ newsroomName: "Large Responses", timeZone: "UTC", defaultLanguage: "en", name: "Large Admin", email: ADMIN.email, password: ADMIN.password }, null);
    if (!setup.ok) throw new Error(setup.message);
    const admin: Viewer = { id: setup.admin.id, role: "admin" };
    const wire = await handle.db.transaction((tx) => ensureSection(tx, "Wire", null));
    const briefs = await handle.db.transaction((tx) => ensureSection(tx, "Briefs", null));
    const publish = async (headline: string, sectionId: string, extra: Parameters<typeof draftOf>[0] = {}) => {
      const created = await createStory(admin, draftOf({ headline, sectionId, ...extra }));
      if (!created.ok) throw new Error(created.message);
      const published = await transitionStory(admin, { storyId: created.storyId, reviewed: { kind: "version", version: created.version }, action: "publish" });
      if (!published.ok) throw new Error(published.message);
      return created.storyId;
    };
    for (const [name, bytes] of Object.entries(SIZES) as [SizeName, number][]) {
      // Just under the size, so that the page or payload around it reaches it.
      const id = await publish(`Long read ${name}`, wire.id, { body: bodyOfSize(Math.min(bytes, 2048 * KB - 8 * KB)), slug: `long-read-${name.replace(" ", "-").toLowerCase()}` });
      bigStories.set(name, { id, path: `/wire/long-read-${name.replace(" ", "-").toLowerCase()}` });
    }
    for (let i = 0; i < 5; i++) await publish(`Brief ${i}`, briefs.id, { standfirst: standfirst(i) });
    for (let i = 0; i < 50; i++) await publish(`Wire story ${i}`, wire.id, { standfirst: standfirst(i) });
  } finally {
    setDbHandleForTests(undefined);
    await handle.close();
  }
  // An archive for a full sitemap file, written in batches by the load seeder.
  const seeded = spawnSync(path.join(process.cwd(), "node_modules", ".bin", "tsx"), ["scripts/seed-load.ts", "--stories", "9000", "--data-dir", dataDir, "--quiet"], { encoding: "utf8" });
  if (seeded.status !== 0) throw new Error(`seed-load failed: ${seeded.stderr}`);
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "dateline-large-"));
  await seed();
  server = await startAppServer(PORT, { DATELINE_DATA_DIR: dataDir, DATELINE_SCHEDULER: "off" });
  cookie = (await signIn(server.origin, ADMIN.email, ADMIN.password)).cookieHeader();
}, 300_000);

afterAll(async () => {
  const code = await server?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
  console.log(`large responses (ms from request to end):\n${timings.join("\n")}`);
  expect(code).toBe(0);
});

type Received = { status: number; headers: http.IncomingHttpHeaders; body: Buffer; ms: number };

/** A raw HTTP/1.1 request (keep-alive off): resolves when the response has really ended. */
function get(pathname: string, headers: Record<string, string> = {}, timeoutMs = 20_000): Promise<Received> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const request = http.get(`${server.origin}${pathname}`, { headers: { cookie, ...headers }, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (c: Buffer) => chunks.push(c));
      response.on("end", () => resolve({ status: response.statusCode!, headers: response.headers, body: Buffer.concat(chunks), ms: performance.now() - started }));
      response.on("error", reject);
    });
    request.setTimeout(timeoutMs, () => request.destroy(new Error(`${pathname}: the response did not end within ${timeoutMs} ms`)));
    request.on("error", reject);
  });
}

/**
 * Asks twice (the first may render and fill caches; the issue is about the response ending, which
 * the second shows without the render's cost), each plain and gzipped: every answer must end,
 * carry a body that matches its Content-Length when it has one, and decode to the same bytes.
 */
async function expectEnds(label: string, pathname: string, atLeast: number, headers: Record<string, string> = {}): Promise<Buffer> {
  let plain: Buffer = Buffer.alloc(0);
  for (const round of [1, 2]) {
    for (const encoding of ["identity", "gzip"]) {
      const response = await get(pathname, { ...headers, "accept-encoding": encoding });
      expect(response.status, `${label} ${pathname}`).toBe(200);
      if (response.headers["content-length"] !== undefined) expect(response.body.length, `${label}: Content-Length`).toBe(Number(response.headers["content-length"]));
      else expect(response.headers["transfer-encoding"], `${label}: neither a length nor chunked`).toBe("chunked");
      const body = response.headers["content-encoding"] === "gzip" ? zlib.gunzipSync(response.body) : response.body;
      if (encoding === "identity") plain = body;
      timings.push(`  ${label.padEnd(34)} ${String(body.length).padStart(8)} B  ${encoding.padEnd(8)} round ${round}: ${response.ms.toFixed(0)} ms`);
      if (round === 2) expect(response.ms, `${label} (${encoding}) took ${response.ms.toFixed(0)} ms`).toBeLessThan(LIMIT_MS);
    }
  }
  expect(plain.length, `${label}: ${plain.length} bytes`).toBeGreaterThanOrEqual(atLeast);
  return plain;
}

/** The address with the `_rsc` search param Next wants for these RSC headers (it redirects to it otherwise). */
async function rscAddress(pathname: string): Promise<string> {
  const first = await get(pathname, { rsc: "1" });
  if (first.status !== 307 || !first.headers.location) return pathname;
  const url = new URL(first.headers.location, server.origin);
  return `${url.pathname}${url.search}`;
}

describe("large responses end with the right length, within a second", () => {
  it("feeds: the site feed (over 64 KB), a section feed (over 16 KB) by query and by address", async () => {
    const site = await expectEnds("feed /feed.xml", "/feed.xml", 64 * KB);
    expect(site.toString()).toMatch(/<\/rss>\s*$/);
    for (const address of ["/feed.xml?section=briefs", "/briefs/feed.xml"]) {
      const section = await expectEnds(`feed ${address}`, address, 16 * KB);
      expect(section.toString()).toMatch(/<\/rss>\s*$/);
    }
  });

  it("sitemaps: the index, the news sitemap and a full file of stories (~1 MB)", async () => {
    expect((await expectEnds("sitemap index", "/sitemap.xml", 0)).toString()).toMatch(/<\/sitemapindex>\s*$/);
    expect((await expectEnds("news sitemap", "/news-sitemap.xml", 16 * KB)).toString()).toMatch(/<\/urlset>\s*$/);
    expect((await expectEnds("sitemap stories-1", "/sitemaps/stories-1.xml", 1000 * KB)).toString()).toMatch(/<\/urlset>\s*$/);
  });

  it.each(Object.keys(SIZES) as SizeName[])("a %s story: JSON route, RSC navigation payload, desk page, public article", async (name) => {
    const size = SIZES[name];
    const story = bigStories.get(name)!;
    const json = JSON.parse((await expectEnds(`JSON ${name}`, `/api/stories/${story.id}`, size * 0.95)).toString()) as { id: string };
    expect(json.id).toBe(story.id);
    await expectEnds(`RSC payload ${name}`, await rscAddress(`/desk/stories/${story.id}`), size * 0.95, { rsc: "1" });
    const desk = (await expectEnds(`desk page ${name}`, `/desk/stories/${story.id}`, size * 0.95)).toString();
    expect(desk).toMatch(/<\/html>\s*$/);
    // The public page is the rendered text without the editor's JSON: ~90 % of the body's size.
    const article = (await expectEnds(`article page ${name}`, story.path, size * 0.85)).toString();
    expect(article).toMatch(/<\/html>\s*$/);
  });
});
