#!/usr/bin/env node
// `npm run bench:archive -- [--stories 100000] [--data-dir DIR] [--requests 300]`
//
// Speed of the two public pages that cannot be served from a cache, over a large archive:
//   - a section page on its first request (Next renders it and reads its listing from the
//     database; every URL is asked once, so each one is a cache miss),
//   - a search (always per request: full-text query, ranking and highlighting).
// Prints p50/p95/p99/max per kind. Target: p95 < 100 ms and p99 < 200 ms on PGlite and on PostgreSQL.
// Relevance: each of 20 recent headlines, searched as a quoted phrase, must come back first.
//
// Engine: PostgreSQL when DATABASE_URL is set, else embedded PGlite in --data-dir (default: a new
// temporary directory, seeded here). --stories N seeds N archive stories first (scripts/seed-load.ts);
// without it the existing database is measured. Requests are sequential, from one client, on loopback.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ensureBuild, fmt, freePort, startServer, summarize, timeRequest } from "./bench-support.mjs";

const argv = process.argv.slice(2);
const arg = (name, fallback) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : fallback;
};
const stories = arg("--stories") === undefined ? null : Number(arg("--stories"));
const requests = Number(arg("--requests", "300"));
const databaseUrl = process.env.DATABASE_URL?.trim() || null;
const tempDir = !databaseUrl && !arg("--data-dir") ? fs.mkdtempSync(path.join(os.tmpdir(), "dateline-archive-")) : null;
const dataDir = databaseUrl ? null : path.resolve(arg("--data-dir") ?? tempDir);
const TARGET_P95_MS = 100;
const TARGET_P99_MS = 200;

const QUERIES = [
  "aleppo",
  "council",
  "humanitarian aid",
  '"security council"',
  "water -electricity",
  "refugees camp winter",
  "ceasefire or negotiations",
  "geneva talks",
  "حلب",
  "المساعدات الإنسانية",
  "gouvernement",
  "reconstruction bridge",
  "harvest drought",
  "detainees families court",
  "football",
  "idlib shelling",
  "prices inflation salaries",
  "envoy",
  "minister statement",
  "nonexistentword",
  '"unterminated',
  "&&|!",
];

async function main() {
  ensureBuild();
  if (stories !== null) {
    console.log(`\nSeeding ${stories.toLocaleString("en")} stories…`);
    const seeded = spawnSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/seed-load.ts", "--stories", String(stories), ...(dataDir ? ["--data-dir", dataDir] : [])], { stdio: "inherit" });
    if (seeded.status !== 0) throw new Error("seeding failed");
  }
  const port = await freePort();
  const server = await startServer({ port, env: databaseUrl ? { DATABASE_URL: databaseUrl } : { DATELINE_DATA_DIR: dataDir, DATABASE_URL: "" } });
  try {
    const bypass = { headers: { "x-dateline-front-cache": "bypass" } };
    const index = await (await fetch(`${server.url}/sitemaps/sections.xml`)).text();
    const sectionPaths = [...index.matchAll(/<loc>[^<]*?\/\/[^/]+(\/[^<]*)<\/loc>/g)].map((m) => m[1]).filter((p) => p !== "/");
    const count = Number((await (await fetch(`${server.url}/sitemap.xml`)).text()).match(/stories-/g)?.length ?? 0) * 10_000;
    console.log(`\nEngine: ${databaseUrl ? "PostgreSQL" : `PGlite (${dataDir})`}; ${sectionPaths.length} sections; up to ${count.toLocaleString("en")} stories in the sitemap.`);

    // Warm the process (code paths, the section tree, the newsroom settings), not the pages measured.
    for (let i = 0; i < 10; i++) {
      await timeRequest(`${server.url}/search?q=warmup${i}`);
      await timeRequest(`${server.url}/`);
    }

    const section = [];
    const seen = new Set();
    let missesConfirmed = 0;
    let notFound = 0;
    for (let i = 0; seen.size < requests && i < requests * 5; i++) {
      const sectionPath = sectionPaths[i % sectionPaths.length];
      const page = 1 + Math.floor(Math.random() * 40);
      const url = page === 1 ? sectionPath : `${sectionPath}/page/${page}`;
      if (seen.has(url)) continue;
      seen.add(url);
      const result = await timeRequest(`${server.url}${url}`, bypass);
      if (result.status === 404) {
        notFound++;
        continue;
      }
      if (result.status !== 200) throw new Error(`${url} answered ${result.status}`);
      if (result.headers.get("x-nextjs-cache") === "MISS") missesConfirmed++;
      section.push(result.ms);
    }

    // Besides the fixed list (common words, phrases, operators, junk), words readers would take from
    // recent stories: one and two words from the feed's titles and descriptions.
    const feed = await (await fetch(`${server.url}/feed.xml`)).text();
    const words = [...new Set([...feed.matchAll(/<(?:title|description)>([^<]*)</g)].flatMap((m) => m[1].toLowerCase().split(/[^\p{L}]+/u)).filter((w) => w.length >= 5))];
    const queries = [...QUERIES];
    for (let i = 0; i < 20 && words.length > 1; i++) {
      const a = words[Math.floor(Math.random() * words.length)];
      const b = words[Math.floor(Math.random() * words.length)];
      queries.push(i % 2 ? a : `${a} ${b}`);
    }

    const search = [];
    for (let i = 0; i < requests; i++) {
      const q = queries[i % queries.length];
      const page = 1 + (Math.floor(i / queries.length) % 3);
      const result = await timeRequest(`${server.url}/search?q=${encodeURIComponent(q)}${page > 1 ? `&page=${page}` : ""}`);
      if (result.status !== 200) throw new Error(`search “${q}” answered ${result.status}`);
      search.push(result.ms);
    }

    // Headline phrases: the best match for a recent story's headline, quoted, must be that story.
    const items = [...feed.matchAll(/<item>\s*<title>([^<]*)<\/title>\s*<link>[^<]*?\/\/[^/]+(\/[^<]*)<\/link>/g)].slice(0, 20);
    const decode = (text) => text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;|&#39;/g, "'").replace(/&amp;/g, "&");
    const phrases = [];
    let firsts = 0;
    for (const [, title, link] of items) {
      const url = `${server.url}/search?q=${encodeURIComponent(`"${decode(title).replace(/"/g, "")}"`)}`;
      const started = process.hrtime.bigint();
      const html = await (await fetch(url)).text();
      phrases.push(Number(process.hrtime.bigint() - started) / 1e6);
      const first = html.match(/<ol class="story-list search-results"[^>]*>[\s\S]*?<a href="([^"]+)"/)?.[1];
      if (first && decodeURI(first) === decodeURI(link)) firsts++;
      else console.log(`  headline phrase ${title}: first result ${first ?? "none"}, expected ${link}`);
    }

    const rows = [
      ["section page, first request (uncached render)", summarize(section), `${missesConfirmed} of ${section.length} confirmed cache misses; ${notFound} pages past the end skipped`],
      ["search (always per request)", summarize(search), `${QUERIES.length} fixed and 20 feed-drawn queries × pages 1–3`],
      ["search, quoted headline phrases", summarize(phrases), `${firsts} of ${items.length} found their story first`],
    ];
    console.log("");
    for (const [label, s, note] of rows) {
      const verdict = s.p95 < TARGET_P95_MS && s.p99 < TARGET_P99_MS ? "✔" : "✖";
      console.log(`${verdict} ${label}: n=${s.n}  p50 ${fmt(s.p50)}  p95 ${fmt(s.p95)}  p99 ${fmt(s.p99)}  max ${fmt(s.max)}  (${note})`);
    }
    console.log(`Target: p95 < ${TARGET_P95_MS} ms, p99 < ${TARGET_P99_MS} ms; every headline phrase finds its story first.`);
    if (firsts < items.length) process.exitCode = 1;
  } finally {
    await server.stop();
    if (tempDir) fs.rmSync(tempDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(`✖ ${error instanceof Error ? error.message : String(error)}`);
  if (tempDir) fs.rmSync(tempDir, { recursive: true, force: true });
  process.exit(1);
});
