#!/usr/bin/env node
// `npm run bench:site [-- --duration 20 --connections 32 --skip-next]`
//
// In one run, on loopback:
//   1. the cached article page of the sample article, served by Dateline's production server
//      (Next behind the public page cache), under load: 32 connections for 20 s after a warm-up;
//   2. the same HTML bytes served from memory by a bare Node http server, same load;
//   3. for reference, the same page from Next's own cache with the page cache bypassed;
// then requests/s of each, the ratio to the bare server, p50/p99 latency, and the article page's
// weight: total JavaScript and the HTML, gzipped (budgets 120 KB and 30 KB).
//
// Uses a fresh temporary embedded database seeded with the sample content (scripts/seed-load.ts).
// The load generator (autocannon) shares the machine with the servers; all figures say so.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import autocannon from "autocannon";
import { ensureBuild, freePort, startServer } from "./bench-support.mjs";

const argv = process.argv.slice(2);
const arg = (name, fallback) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : fallback;
};
const duration = Number(arg("--duration", "20"));
const connections = Number(arg("--connections", "32"));
const skipNext = argv.includes("--skip-next");
const JS_BUDGET = 120 * 1024;
const HTML_BUDGET = 30 * 1024;
const SAMPLE_HEADLINE = "Head of Aleppo Provincial Council & French FM Calling to Save Aleppo";

const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), "dateline-bench-"));
const cleanups = [() => fs.rmSync(tempDir, { recursive: true, force: true })];

function load(url, headers = {}, seconds = duration) {
  return new Promise((resolve, reject) => {
    autocannon({ url, connections, duration: seconds, headers }, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

/** The same bytes from memory, in its own process so it does not share an event loop with the load generator. */
async function startBareServer(htmlFile, contentType) {
  const port = await freePort();
  const code = `
    import http from "node:http"; import fs from "node:fs";
    const body = fs.readFileSync(${JSON.stringify(htmlFile)});
    http.createServer((req, res) => { res.writeHead(200, { "content-type": ${JSON.stringify(contentType)}, "content-length": body.length }); res.end(body); })
      .listen(${port}, "127.0.0.1", () => console.log("ready"));`;
  const child = spawn(process.execPath, ["--input-type=module", "-e", code], { stdio: ["ignore", "pipe", "inherit"] });
  await new Promise((resolve) => child.stdout.once("data", resolve));
  return { url: `http://127.0.0.1:${port}/`, stop: () => child.kill("SIGTERM") };
}

async function gzipSizeOf(url, init = {}) {
  const response = await fetch(url, init);
  const body = Buffer.from(await response.arrayBuffer());
  return { status: response.status, raw: body.length, gzip: zlib.gzipSync(body, { level: 6 }).length, text: body.toString("utf8") };
}

/** Scripts a browser would fetch for this HTML (module scripts; nomodule ones are for old browsers). */
async function javascriptWeight(origin, html) {
  const sources = [...html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"[^>]*>/g)].filter((m) => !/\bnoModule\b|\bnomodule\b/.test(m[0])).map((m) => m[1]);
  let gzip = 0;
  for (const src of new Set(sources)) gzip += (await gzipSizeOf(new URL(src, origin).toString())).gzip;
  return { files: new Set(sources).size, gzip };
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const line = (label, r) =>
  `${label.padEnd(34)} ${Math.round(r.requests.average).toLocaleString("en").padStart(7)} req/s   p50 ${String(r.latency.p50).padStart(3)} ms   p99 ${String(r.latency.p99).padStart(3)} ms   errors ${r.errors + r.non2xx}`;

async function main() {
  ensureBuild();
  console.log("\nSeeding a temporary newsroom with the sample content…");
  const seeded = spawnSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/seed-load.ts", "--stories", "0", "--data-dir", tempDir, "--quiet"], { stdio: "inherit" });
  if (seeded.status !== 0) throw new Error("seeding failed");

  const server = await startServer({ port: await freePort(), env: { DATELINE_DATA_DIR: tempDir, DATABASE_URL: "" } });
  cleanups.unshift(() => server.stop());
  const section = await (await fetch(`${server.url}/media-center/coalition-news`)).text();
  const link = section.match(/<a href="(\/media-center\/coalition-news\/[a-z0-9-]+)">([^<]*)<\/a>/);
  if (!link || link[2] !== SAMPLE_HEADLINE.replace(/&/g, "&amp;")) throw new Error("the sample article is not listed in Coalition News");
  const articleUrl = `${server.url}${link[1]}`;
  const first = await fetch(articleUrl);
  if (first.status !== 200) throw new Error(`the sample article answered ${first.status}`);
  const html = await first.text();
  const htmlFile = path.join(tempDir, "article.html");
  fs.writeFileSync(htmlFile, html);
  const bare = await startBareServer(htmlFile, first.headers.get("content-type") ?? "text/html; charset=utf-8");
  cleanups.unshift(() => bare.stop());

  console.log(`\nWarm-up (3 s each), then ${connections} connections for ${duration} s per target on ${os.cpus().length} CPU(s), load generator on the same machine.`);
  await load(articleUrl, {}, 3);
  await load(bare.url, {}, 3);
  const dateline = await load(articleUrl);
  const baseline = await load(bare.url);
  let nextOnly = null;
  if (!skipNext) {
    const bypass = { "x-dateline-front-cache": "bypass" };
    await load(articleUrl, bypass, 3);
    nextOnly = await load(articleUrl, bypass);
  }

  console.log("");
  console.log(line("Dateline (page cache in front)", dateline));
  console.log(line("bare Node http, same bytes", baseline));
  if (nextOnly) console.log(line("Next's own cache (page cache off)", nextOnly));
  const ratio = dateline.requests.average / baseline.requests.average;
  console.log(`\nratio Dateline / bare: ${ratio.toFixed(2)} (target ≥ 0.50) ${ratio >= 0.5 ? "✔" : "✖"}   p99 ${dateline.latency.p99} ms (target < 50 ms) ${dateline.latency.p99 < 50 ? "✔" : "✖"}`);
  if (nextOnly) console.log(`ratio Next alone / bare: ${(nextOnly.requests.average / baseline.requests.average).toFixed(2)}`);

  const page = await gzipSizeOf(articleUrl);
  const js = await javascriptWeight(server.url, page.text);
  console.log(`\nArticle page weight (as served): HTML ${kb(page.gzip)} gzipped (${kb(page.raw)} raw; budget ${kb(HTML_BUDGET)}) ${page.gzip <= HTML_BUDGET ? "✔" : "✖"}; JavaScript ${kb(js.gzip)} gzipped in ${js.files} file(s) (budget ${kb(JS_BUDGET)}) ${js.gzip <= JS_BUDGET ? "✔" : "✖"}`);
  const nextPage = await gzipSizeOf(articleUrl, { headers: { "x-dateline-front-cache": "bypass" } });
  const nextJs = await javascriptWeight(server.url, nextPage.text);
  console.log(`For reference, Next's own render of it: HTML ${kb(nextPage.gzip)} gzipped, JavaScript ${kb(nextJs.gzip)} gzipped in ${nextJs.files} file(s) (the framework runtime the page cache leaves out).`);
}

main()
  .catch((error) => {
    console.error(`✖ ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  })
  .finally(async () => {
    for (const cleanup of cleanups) await cleanup();
  });
