#!/usr/bin/env node
// `npm run bench:site [-- --duration 10 --skip-next]`
//
// In one run, on loopback:
//   1. the cached article page of the sample article, served by Dateline's production server
//      (page-cache workers on every core in front of the app process, DATELINE_WORKERS);
//   2. the same article bytes served from disk by Debian's nginx (started here on a free loopback
//      port with a config in a temporary folder; gzip_static serves the same gzipped bytes);
// each plain and gzipped, at 32 and at 128 connections, after a warm-up: req/s, p50 and p99; then
// `ratio to nginx: X`, the lower of plain and gzipped at 32 connections (target ≥ 0.8, p99 < 20 ms).
// For reference, the same page from Next's own cache, and the article page's weight: total
// JavaScript and the HTML, gzipped (budgets 120 KB and 30 KB).
//
// The load comes from wrk (Debian's `wrk`) when installed: one autocannon process can itself be
// the limit at these rates. Without nginx, a bare Node server with the same bytes is the baseline.
//
// Uses a fresh temporary embedded database seeded with the sample content (scripts/seed-load.ts).
// The load generator shares the machine with the servers; all figures say so.
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
const duration = Number(arg("--duration", "10"));
const LOADS = [32, 128];
const skipNext = argv.includes("--skip-next");
const JS_BUDGET = 120 * 1024;
const HTML_BUDGET = 30 * 1024;
const RATIO_TARGET = 0.8;
const P99_TARGET_MS = 20;
const SAMPLE_HEADLINE = "Head of Aleppo Provincial Council & French FM Calling to Save Aleppo";

const installed = (command) => spawnSync("sh", ["-c", `command -v ${command}`], { stdio: "ignore" }).status === 0 || fs.existsSync(`/usr/sbin/${command}`);
const hasWrk = installed("wrk");
const nginxBin = ["/usr/sbin/nginx", "/usr/bin/nginx"].find((p) => fs.existsSync(p)) ?? (installed("nginx") ? "nginx" : null);
const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), "dateline-bench-"));
const cleanups = [() => fs.rmSync(tempDir, { recursive: true, force: true })];

/** `{ rps, p50, p99, errors }` for `connections` connections over `seconds` seconds. */
async function load(url, { connections, headers = {}, seconds = duration }) {
  if (hasWrk) return wrk(url, connections, headers, seconds);
  const r = await new Promise((resolve, reject) => {
    autocannon({ url, connections, duration: seconds, headers }, (error, result) => (error ? reject(error) : resolve(result)));
  });
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.non2xx };
}

function wrk(url, connections, headers, seconds) {
  const args = ["-t", String(Math.min(os.availableParallelism(), connections)), "-c", String(connections), "-d", `${seconds}s`, "--latency"];
  for (const [name, value] of Object.entries(headers)) args.push("-H", `${name}: ${value}`);
  const run = spawnSync("wrk", [...args, url], { encoding: "utf8" });
  if (run.status !== 0) throw new Error(`wrk failed: ${run.stderr || run.stdout}`);
  const out = run.stdout;
  const ms = (label) => {
    const m = out.match(new RegExp(`^\\s*${label}\\s+([\\d.]+)(us|ms|s)\\b`, "m"));
    if (!m) return NaN;
    const value = Number(m[1]);
    return m[2] === "us" ? value / 1000 : m[2] === "s" ? value * 1000 : value;
  };
  const errors = [...out.matchAll(/(connect|read|write|timeout) (\d+)/g)].reduce((sum, m) => sum + Number(m[2]), 0) + Number(out.match(/Non-2xx or 3xx responses: (\d+)/)?.[1] ?? 0);
  return { rps: Number(out.match(/Requests\/sec:\s+([\d.]+)/)?.[1] ?? NaN), p50: ms("50%"), p99: ms("99%"), errors };
}

/** Debian's nginx serving the article (and its gzipped copy) from disk, on a free loopback port. */
async function startNginx(dir, htmlFile) {
  const port = await freePort();
  const root = path.join(dir, "nginx");
  fs.mkdirSync(path.join(root, "www"), { recursive: true });
  fs.copyFileSync(htmlFile, path.join(root, "www", "article.html"));
  fs.writeFileSync(path.join(root, "www", "article.html.gz"), zlib.gzipSync(fs.readFileSync(htmlFile), { level: 6 }));
  // Started as root, nginx's workers run as nobody: they must be able to read the files.
  for (const d of [dir, root, path.join(root, "www")]) fs.chmodSync(d, 0o755);
  for (const f of ["article.html", "article.html.gz"]) fs.chmodSync(path.join(root, "www", f), 0o644);
  const conf = path.join(root, "nginx.conf");
  fs.writeFileSync(
    conf,
    `daemon off;
worker_processes auto;
pid ${root}/nginx.pid;
error_log ${root}/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  client_body_temp_path ${root}/tmp-body;
  proxy_temp_path ${root}/tmp-proxy;
  fastcgi_temp_path ${root}/tmp-fastcgi;
  uwsgi_temp_path ${root}/tmp-uwsgi;
  scgi_temp_path ${root}/tmp-scgi;
  server {
    listen 127.0.0.1:${port};
    root ${root}/www;
    gzip_static on;
    gzip_vary on;
    location = /article { default_type "text/html; charset=utf-8"; try_files /article.html =404; }
  }
}
`,
  );
  const child = spawn(nginxBin, ["-p", root, "-c", conf, "-e", path.join(root, "error.log")], { stdio: ["ignore", "inherit", "inherit"] });
  const url = `http://127.0.0.1:${port}/article`;
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`nginx exited (${child.exitCode}); see ${root}/error.log`);
    try {
      if ((await fetch(url)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, stop: () => child.kill("SIGQUIT") };
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
  // Retried once, as a browser would, when the pooled keep-alive connection turns out to have been
  // closed by the server while it sat idle through the load runs.
  const response = await fetch(url, init).catch(() => fetch(url, init));
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
  `${label.padEnd(36)} ${Math.round(r.rps).toLocaleString("en").padStart(7)} req/s   p50 ${r.p50.toFixed(2).padStart(6)} ms   p99 ${r.p99.toFixed(2).padStart(6)} ms   errors ${r.errors}`;

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
  let baseline;
  if (nginxBin) {
    baseline = { name: "nginx, same bytes from disk", ...(await startNginx(tempDir, htmlFile)) };
  } else {
    console.log("\nnginx is not installed (Debian: apt-get install nginx-light): comparing with a bare Node server instead.");
    baseline = { name: "bare Node http, same bytes", ...(await startBareServer(htmlFile, first.headers.get("content-type") ?? "text/html; charset=utf-8")) };
  }
  cleanups.unshift(() => baseline.stop());
  if (!hasWrk) console.log("wrk is not installed (Debian: apt-get install wrk): driving the load with autocannon, which may itself be the limit at these rates.");

  const encodings = [
    { name: "plain", headers: {} },
    { name: "gzip", headers: { "accept-encoding": "gzip" } },
  ];
  console.log(`\n${hasWrk ? "wrk" : "autocannon"}: warm-up 3 s, then ${duration} s per target on ${os.cpus().length} CPU(s), load generator on the same machine.`);
  const results = [];
  for (const connections of LOADS) {
    for (const encoding of encodings) {
      const row = { connections, encoding: encoding.name };
      for (const [key, url] of [["dateline", articleUrl], ["baseline", baseline.url]]) {
        await load(url, { connections, headers: encoding.headers, seconds: 3 });
        row[key] = await load(url, { connections, headers: encoding.headers });
      }
      results.push(row);
      console.log(line(`Dateline  ${encoding.name.padEnd(5)} ${String(connections).padStart(3)} conn`, row.dateline));
      console.log(line(`${nginxBin ? "nginx" : "bare"}     ${encoding.name.padEnd(5)} ${String(connections).padStart(3)} conn`, row.baseline));
      console.log(`  ratio ${(row.dateline.rps / row.baseline.rps).toFixed(2)}`);
    }
  }
  let nextOnly = null;
  if (!skipNext) {
    const bypass = { "x-dateline-front-cache": "bypass" };
    await load(articleUrl, { connections: 32, headers: bypass, seconds: 3 });
    nextOnly = await load(articleUrl, { connections: 32, headers: bypass });
    console.log(line("Next's own cache (page cache off) 32", nextOnly));
  }

  const at32 = results.filter((r) => r.connections === 32);
  const ratio = Math.min(...at32.map((r) => r.dateline.rps / r.baseline.rps));
  const p99 = Math.max(...at32.map((r) => r.dateline.p99));
  console.log(`\nDateline p99 at 32 connections: ${p99.toFixed(1)} ms (target < ${P99_TARGET_MS} ms) ${p99 < P99_TARGET_MS ? "✔" : "✖"}`);
  console.log(`ratio to ${nginxBin ? "nginx" : "bare Node"}: ${ratio.toFixed(2)} (lower of plain and gzipped at 32 connections; target ≥ ${RATIO_TARGET}) ${ratio >= RATIO_TARGET ? "✔" : "✖"}`);

  const page = await gzipSizeOf(articleUrl);
  const js = await javascriptWeight(server.url, page.text);
  console.log(`\nArticle page weight (as served): HTML ${kb(page.gzip)} gzipped (${kb(page.raw)} raw; budget ${kb(HTML_BUDGET)}) ${page.gzip <= HTML_BUDGET ? "✔" : "✖"}; JavaScript ${kb(js.gzip)} gzipped in ${js.files} file(s) (budget ${kb(JS_BUDGET)}) ${js.gzip <= JS_BUDGET ? "✔" : "✖"}`);
  const nextPage = await gzipSizeOf(articleUrl, { headers: { "x-dateline-front-cache": "bypass" } });
  const nextJs = await javascriptWeight(server.url, nextPage.text);
  console.log(`For reference, Next's own render of it: HTML ${kb(nextPage.gzip)} gzipped, JavaScript ${kb(nextJs.gzip)} gzipped in ${nextJs.files} file(s) (the framework runtime the page cache leaves out).`);
}

main()
  .catch((error) => {
    const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : "";
    console.error(`✖ ${error instanceof Error ? error.message : String(error)}${cause}`);
    process.exitCode = 1;
  })
  .finally(async () => {
    for (const cleanup of cleanups) await cleanup();
  });
