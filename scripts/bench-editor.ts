/**
 * `npm run bench:editor`: figures for the story editor, printed, not asserted.
 *
 *  1. Autosave server time: saveStory on a 5,000-word story, against in-memory PGlite, and against
 *     PostgreSQL too when DATABASE_URL is set (a throw-away database is created and dropped).
 *  2. In Chromium, against a production build on a free port with its own data directory:
 *     how long a 20,000-word story takes to load into the editor, and what one keystroke costs.
 *
 * Run with tsx under the "react-server" condition so server modules load outside Next.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import type { JSONContent } from "@tiptap/core";
import { chromium, type Page } from "playwright-core";
import { setDbHandleForTests } from "@/lib/db";
import { openDatabase, type DbHandle } from "@/lib/db/open";
import * as schema from "@/lib/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { countWords, docToPlainText } from "@/lib/content/text";
import { createStory, saveStory } from "@/lib/stories/commands";
import { parseSeedArticle } from "@/lib/stories/sample/parse-seed-article";
import { SEED_ARTICLE_TEXT } from "@/lib/stories/sample/seed-article";
import type { StoryDraft } from "@/lib/stories/schemas";
import { openTestDatabase } from "@/lib/testing/test-db";
import { draftOf } from "@/lib/testing/fixtures";

const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"];
const ADMIN = { email: "bench@dateline.test", password: "bench password 1234", name: "Bench Admin" };

type Stats = { n: number; p50: number; p95: number; max: number; mean: number };

function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  return { n: sorted.length, p50: at(0.5), p95: at(0.95), max: sorted.at(-1)!, mean: sorted.reduce((a, b) => a + b, 0) / sorted.length };
}

function ms(value: number): string {
  return `${value.toFixed(1)} ms`;
}

function verdict(value: number, limit: number): string {
  return value < limit ? `under the ${limit} ms target` : `OVER the ${limit} ms target`;
}

/** A realistic body of at least `words` words: the sample article repeated, with headings and links. */
function buildBody(words: number): JSONContent {
  const article = parseSeedArticle(SEED_ARTICLE_TEXT);
  const content: JSONContent[] = [];
  let count = 0;
  for (let round = 1; count < words; round++) {
    content.push({ type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: `Part ${round}: ${article.headline}` }] });
    count += countWords(`Part ${round}: ${article.headline}`);
    for (const [i, paragraph] of article.paragraphs.entries()) {
      if (count >= words) break;
      const inline: JSONContent[] =
        i === 2
          ? [
              { type: "text", text: paragraph },
              { type: "text", text: " " },
              { type: "text", text: "Read more", marks: [{ type: "link", attrs: { href: "https://example.org/aleppo" } }] },
              { type: "text", text: "." },
            ]
          : [{ type: "text", text: paragraph }];
      content.push({ type: "paragraph", content: inline });
      count += countWords(inline.map((n) => n.text).join(""));
    }
  }
  return { type: "doc", content };
}

function draft(headline: string, body: JSONContent): StoryDraft {
  return draftOf({ headline, standfirst: "A benchmark story.", body, sourceLine: "(Source: Benchmark)" });
}

async function addAdmin(handle: DbHandle, passwordHash: string) {
  await handle.db.insert(schema.newsroomSettings).values({ id: 1, name: "Bench newsroom" }).onConflictDoNothing();
  const [user] = await handle.db
    .insert(schema.users)
    .values({ email: ADMIN.email, name: ADMIN.name, slug: "bench-admin", role: "admin", passwordHash })
    .returning({ id: schema.users.id, role: schema.users.role });
  return { id: user!.id, role: user!.role };
}

/** Autosaves of a 5,000-word story, each changing a few words, with the clock moving 10 s a save. */
async function benchAutosave(handle: DbHandle, label: string): Promise<Stats> {
  setDbHandleForTests(handle);
  const viewer = await addAdmin(handle, "not-used");
  const body = buildBody(5_000);
  const created = await createStory(viewer, draft(`Autosave benchmark ${label}`, body));
  if (!created.ok) throw new Error(`could not create the benchmark story: ${JSON.stringify(created)}`);
  let version = created.version;
  const samples: number[] = [];
  const start = Date.now();
  for (let i = 0; i < 80; i++) {
    const edited = structuredClone(body);
    const paragraph = edited.content![1 + (i % 20)]!;
    paragraph.content![0]!.text += ` Edit number ${i}.`;
    const t0 = performance.now();
    const result = await saveStory(viewer, { storyId: created.storyId, baseVersion: version, kind: "autosave", draft: draft(`Autosave benchmark ${label}`, edited) }, new Date(start + i * 10_000));
    const elapsed = performance.now() - t0;
    if (!result.ok) throw new Error(`autosave ${i} failed: ${JSON.stringify(result).slice(0, 200)}`);
    version = result.version;
    if (i >= 10) samples.push(elapsed); // the first saves warm up JIT and the query cache
  }
  setDbHandleForTests(undefined);
  return stats(samples);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitForServer(url: string, server: ChildProcess, timeoutMs = 120_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (server.exitCode !== null) throw new Error(`the server exited with code ${server.exitCode}`);
    try {
      const response = await fetch(url, { redirect: "manual" });
      if (response.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error("the server did not start in time");
}

async function signIn(page: Page, base: string) {
  await page.goto(`${base}/login`);
  await page.getByRole("textbox", { name: "Email" }).fill(ADMIN.email);
  await page.getByRole("textbox", { name: "Password" }).fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/desk/);
}

/** Time from navigation start until the editor holds the whole story (last block rendered). */
async function measureLoad(page: Page, url: string, blocks: number): Promise<{ ready: number; html: number }> {
  await page.goto(url, { waitUntil: "commit" });
  await page.waitForFunction(
    (expected) => {
      const el = document.querySelector(".ProseMirror") as (HTMLElement & { editor?: { isInitialized?: boolean } }) | null;
      if (!el || !el.editor || el.childElementCount < expected) return false;
      (window as unknown as { __readyAt?: number }).__readyAt ??= performance.now();
      return true;
    },
    blocks,
    { polling: "raf", timeout: 30_000 },
  );
  return page.evaluate(() => {
    const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined;
    return { ready: (window as unknown as { __readyAt: number }).__readyAt, html: nav?.responseEnd ?? 0 };
  });
}

/**
 * Cost of one keystroke: from the keydown event to the end of the work it causes (input handling,
 * ProseMirror's transaction and DOM update, React updates it schedules) plus the style and layout
 * the next frame needs. Keys are sent 40 ms apart, like fast typing.
 */
type TraceEvent = { name: string; ph: string; ts: number; dur?: number; tdur?: number; pid: number; tid: number; args?: { data?: { type?: string } } };

/**
 * CPU time of the page's main thread per keystroke, from a Chromium trace: every task that runs
 * between one keydown and the next (input handling, the frame that shows the character, work
 * the keystroke scheduled), counted in thread time. Unlike wall-clock time it does not grow when
 * other processes compete for the CPU.
 */
function cpuPerKey(trace: Buffer): number[] {
  const parsed = JSON.parse(trace.toString("utf8")) as { traceEvents: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;
  const busy = new Map<string, number>();
  for (const e of events) if (e.ph === "X" && e.name === "RunTask") busy.set(`${e.pid}:${e.tid}`, (busy.get(`${e.pid}:${e.tid}`) ?? 0) + (e.dur ?? 0));
  const main = [...busy.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  const onMain = events.filter((e) => e.ph === "X" && `${e.pid}:${e.tid}` === main);
  const keydowns = onMain.filter((e) => e.name === "EventDispatch" && e.args?.data?.type === "keydown").map((e) => e.ts).sort((a, b) => a - b);
  const tasks = onMain.filter((e) => e.name === "RunTask").sort((a, b) => a.ts - b.ts);
  const costs = keydowns.map(() => 0);
  let k = 0;
  for (const task of tasks) {
    while (k + 1 < keydowns.length && task.ts >= keydowns[k + 1]!) k++;
    // A task that began just before its keydown is the one dispatching it.
    if (task.ts + (task.dur ?? 0) < keydowns[0]!) continue;
    costs[k]! += (task.tdur ?? task.dur ?? 0) / 1000;
  }
  return costs.slice(0, -1);
}

async function measureTyping(page: Page, text: string): Promise<{ costs: number[]; work: number[]; longTasks: number[] }> {
  await page.evaluate(() => {
    const w = window as unknown as { __costs: number[]; __work: number[]; __longTasks: number[] };
    w.__costs = [];
    w.__work = [];
    w.__longTasks = [];
    // The keystroke's own work: keydown, the browser's edit, ProseMirror reading it (a mutation
    // observer callback), the transaction, React's synchronous re-render, then style and layout,
    // measured at the end of the microtasks that work queues, without waiting for a frame.
    let workStart: number | null = null;
    window.addEventListener("keydown", () => void (workStart ??= performance.now()), true);
    document.addEventListener("input", () => {
      if (workStart === null) return;
      const t0 = workStart;
      workStart = null;
      // (No named functions in here: the page cannot see the bundler's naming helper.)
      queueMicrotask(() =>
        queueMicrotask(() =>
          queueMicrotask(() => {
            void (document.querySelector(".ProseMirror") as HTMLElement).offsetHeight;
            w.__work.push(performance.now() - t0);
          }),
        ),
      );
    });
    const channel = new MessageChannel();
    let pending: number | null = null;
    let hops = 0;
    channel.port1.onmessage = () => {
      if (pending === null) return;
      if (++hops < 2) {
        channel.port2.postMessage(null);
        return;
      }
      void (document.querySelector(".ProseMirror") as HTMLElement).offsetHeight;
      w.__costs.push(performance.now() - pending);
      pending = null;
    };
    window.addEventListener(
      "keydown",
      () => {
        if (pending !== null) return;
        pending = performance.now();
        hops = 0;
        channel.port2.postMessage(null);
      },
      true,
    );
    try {
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) w.__longTasks.push(entry.duration);
      }).observe({ type: "longtask", buffered: false });
    } catch {
      // long task timing unavailable
    }
  });
  await page.keyboard.type(text, { delay: 40 });
  await page.waitForTimeout(200);
  return page.evaluate(() => {
    const w = window as unknown as { __costs: number[]; __work: number[]; __longTasks: number[] };
    return { costs: w.__costs, work: w.__work, longTasks: w.__longTasks };
  });
}

async function benchBrowser(): Promise<void> {
  const root = process.cwd();
  console.log("\nBuilding the production bundle if needed…");
  const build = spawnSync(process.execPath, ["scripts/start.mjs", "--build-only"], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (build.status !== 0) throw new Error("the build failed");

  const port = await freePort();
  const dataDir = path.join(root, ".data", `bench-${port}`);
  fs.rmSync(dataDir, { recursive: true, force: true });

  // Seed before the server starts: an embedded database has one owner at a time.
  const seed = await openDatabase({ engine: "pglite", dataDir });
  setDbHandleForTests(seed);
  const admin = await addAdmin(seed, await hashPassword(ADMIN.password));
  const body = buildBody(20_000);
  const words = countWords(docToPlainText(body));
  const created = await createStory(admin, draft("A 20,000-word story for the editor benchmark", body));
  if (!created.ok) throw new Error("could not create the 20,000-word story");
  // The same typing in a short story separates what the story's length costs from what this
  // machine (and its other load) costs.
  const short = await createStory(admin, draft("A 300-word story for comparison", buildBody(300)));
  if (!short.ok) throw new Error("could not create the short story");
  setDbHandleForTests(undefined);
  await seed.close();

  const server = spawn(process.execPath, ["scripts/start.mjs"], {
    env: { ...process.env, PORT: String(port), DATELINE_DATA_DIR: dataDir, NEXTAUTH_URL: `http://localhost:${port}`, DATELINE_SCHEDULER: "off", DATABASE_URL: "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let serverLog = "";
  server.stdout?.on("data", (d) => (serverLog += d));
  server.stderr?.on("data", (d) => (serverLog += d));
  const base = `http://localhost:${port}`;
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium", args: CHROMIUM_ARGS });
  try {
    await waitForServer(`${base}/login`, server);
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    page.on("dialog", (dialog) => void dialog.accept());
    await signIn(page, base);
    const url = `${base}/desk/stories/${created.storyId}`;
    const blocks = body.content!.length;

    const loads: number[] = [];
    const htmlTimes: number[] = [];
    for (let i = 0; i < 6; i++) {
      const { ready, html } = await measureLoad(page, url, blocks);
      loads.push(ready);
      htmlTimes.push(html);
    }

    const sentence = " The quick brown fox jumps over the lazy dog while the council debates the budget".repeat(3);
    await measureLoad(page, `${base}/desk/stories/${short.storyId}`, 2);
    await page.locator(".ProseMirror > p").nth(1).click();
    await page.keyboard.press("End");
    const baselineTyping = await measureTyping(page, sentence);
    const baseline = stats(baselineTyping.costs);
    const baselineWork = stats(baselineTyping.work);

    // Type in the middle of the long story.
    await measureLoad(page, url, blocks);
    const middle = page.locator(".ProseMirror > p").nth(Math.floor(blocks / 2));
    await middle.click();
    await page.keyboard.press("End");
    const typing = await measureTyping(page, sentence);
    const keyStats = stats(typing.costs);
    const workStats = stats(typing.work);
    await page.keyboard.press("Enter");
    await browser.startTracing(page, { categories: ["devtools.timeline", "disabled-by-default-devtools.timeline"] });
    await page.keyboard.type(sentence, { delay: 40 });
    const cpu = stats(cpuPerKey(await browser.stopTracing()));
    const loadStats = stats(loads);

    console.log(`\nEditor in Chromium (production build, ${words.toLocaleString("en")} words, ${blocks} blocks)`);
    console.log(`  load into the editor, navigation start -> whole story in the editor (${loads.length} loads):`);
    console.log(`    first ${ms(loads[0]!)}, median ${ms(loadStats.p50)}, max ${ms(loadStats.max)}  — ${verdict(loadStats.max, 1500)} (1.5 s)`);
    console.log(`    (HTML response complete after a median of ${ms(stats(htmlTimes).p50)})`);
    console.log(`  keystroke cost, wall clock from keydown to the edit handled and laid out (${workStats.n} keys):`);
    console.log(`    p50 ${ms(workStats.p50)}, p95 ${ms(workStats.p95)}, max ${ms(workStats.max)}  — p95 ${verdict(workStats.p95, 16)}`);
    console.log(`    for comparison, the same typing in a 300-word story: p50 ${ms(baselineWork.p50)}, p95 ${ms(baselineWork.p95)}`);
    console.log(`  keydown -> the next task after it (includes waiting for the frame Chromium renders first, ${keyStats.n} keys):`);
    console.log(`    p50 ${ms(keyStats.p50)}, p95 ${ms(keyStats.p95)}, max ${ms(keyStats.max)}  (300-word story: p50 ${ms(baseline.p50)}, p95 ${ms(baseline.p95)})`);
    console.log(`  keystroke cost in main-thread CPU time (Chromium trace, everything from one keydown to the next, ${cpu.n} keys):`);
    console.log(`    p50 ${ms(cpu.p50)}, p95 ${ms(cpu.p95)}, max ${ms(cpu.max)}  — p95 ${verdict(cpu.p95, 16)}`);
    if (typing.longTasks.length > 0) {
      console.log(`    long tasks while typing (> 50 ms, e.g. an autosave serialising the story): ${typing.longTasks.map((d) => ms(d)).join(", ")}`);
    } else {
      console.log("    no long tasks (> 50 ms) while typing");
    }
    await context.close();
  } catch (error) {
    console.error(serverLog.split("\n").slice(-20).join("\n"));
    throw error;
  } finally {
    await browser.close();
    server.kill("SIGTERM");
    await new Promise((r) => server.once("exit", r));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main() {
  console.log("Dateline editor benchmark");
  console.log("\nAutosave of a 5,000-word story: saveStory server time (70 saves after 10 warm-up saves)");
  const memory = await openDatabase({ engine: "pglite", dataDir: null });
  const pglite = await benchAutosave(memory, "pglite").finally(() => memory.close());
  console.log(`  PGlite (in memory):   p50 ${ms(pglite.p50)}, p95 ${ms(pglite.p95)}, max ${ms(pglite.max)}  — p95 ${verdict(pglite.p95, 100)}`);
  if (process.env.DATABASE_URL) {
    const handle = await openTestDatabase();
    try {
      const pg = await benchAutosave(handle, "postgres");
      console.log(`  PostgreSQL:           p50 ${ms(pg.p50)}, p95 ${ms(pg.p95)}, max ${ms(pg.max)}  — p95 ${verdict(pg.p95, 100)}`);
    } finally {
      await handle.close();
    }
  } else {
    console.log("  PostgreSQL:           skipped (set DATABASE_URL to measure it)");
  }
  if (process.argv.includes("--server-only")) return;
  await benchBrowser();
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(`\nThe benchmark could not finish: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
