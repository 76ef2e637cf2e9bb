/**
 * `npm run load`: 50 simulated editors autosave 5,000-word stories every 2 s for 3 minutes on
 * PostgreSQL, while the public article page takes 32 connections. Loopback only, bounded in time.
 * Prints save latency percentiles, errors, lost updates (per-client sequence numbers) and the
 * public page's requests/s. Options: --seconds N --editors N --public-connections N.
 * Uses DATABASE_URL when set (its database must be empty), else starts a throw-away PostgreSQL.
 */
import http from "node:http";
import { inArray } from "drizzle-orm";
import { setDbHandleForTests } from "@/lib/db";
import * as schema from "@/lib/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { plainTextToDoc } from "@/lib/content/text";
import { draftOf } from "@/lib/testing/fixtures";
import { startAppServer } from "./support/app-server";
import { signIn } from "./support/http-session";
import { startTempPostgres } from "./support/temp-postgres";
import { openEngine, seedNewsroom, type Engine } from "../faults/support";
import { addSampleContent } from "@/lib/stories/sample-content";

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}
const SECONDS = arg("seconds", 180);
const EDITORS = arg("editors", 50);
const PUBLIC_CONNECTIONS = arg("public-connections", 32);
const PASSWORD = "load-test-password-1";

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function words(n: number, seed: number): string {
  const vocabulary = ["council", "minister", "aleppo", "civilians", "corridor", "statement", "security", "humanitarian", "agencies", "report", "said", "the", "of", "and", "in"];
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(vocabulary[(i * 7 + seed) % vocabulary.length]!);
  return out.join(" ");
}

async function main() {
  const pg = process.env.DATABASE_URL ? null : startTempPostgres(54361);
  const engine: Engine = { name: "postgres", url: process.env.DATABASE_URL ?? pg!.url };
  try {
    console.log(`Seeding ${EDITORS} editors and their stories…`);
    const { storyIds, sectionId, admin } = await seedNewsroom(engine, EDITORS);
    const handle = await openEngine(engine);
    setDbHandleForTests(handle);
    await addSampleContent(admin.id);
    const hash = await hashPassword(PASSWORD);
    const editors = await handle.db
      .insert(schema.users)
      .values(Array.from({ length: EDITORS }, (_, i) => ({ email: `editor${i}@load.test`, name: `Editor ${i}`, slug: `editor-${i}`, role: "editor" as const, passwordHash: hash })))
      .returning({ id: schema.users.id });
    setDbHandleForTests(undefined);

    const server = await startAppServer(3391, { DATABASE_URL: engine.url, DATELINE_SCHEDULER: "off", DATELINE_DATA_DIR: ".data/load" });
    const sessions: Awaited<ReturnType<typeof signIn>>[] = [];
    for (let i = 0; i < editors.length; i++) sessions.push(await signIn(server.origin, `editor${i}@load.test`, PASSWORD));
    const articlePath = "/media-center/coalition-news/head-of-aleppo-provincial-council-french-fm-calling-to-save-aleppo";
    const probe = await fetch(`${server.origin}${articlePath}`);
    const publicPath = probe.status === 200 ? articlePath : "/";
    console.log(`Load: ${EDITORS} editors autosaving every 2 s, ${PUBLIC_CONNECTIONS} connections on ${publicPath}, for ${SECONDS} s…`);

    const stopAt = Date.now() + SECONDS * 1000;
    const latencies: number[] = [];
    let errors = 0;
    let conflicts = 0;
    const lastAcked = new Map<string, number>();

    const editorLoop = async (i: number) => {
      const storyId = storyIds[i]!;
      let base = 1;
      let seq = 0;
      // Spread the clients over the 2 s cycle like real people.
      await new Promise((r) => setTimeout(r, (i * 2000) / EDITORS));
      while (Date.now() < stopAt) {
        const started = Date.now();
        seq++;
        const draft = draftOf({ headline: `Load story ${i} seq ${seq}`, body: plainTextToDoc(`seq ${seq}\n\n${words(5000, i + seq)}`), slug: `load-story-${i}`, sectionId });
        try {
          const response = await sessions[i]!.postJson(`/api/stories/${storyId}/draft`, { baseVersion: base, kind: "autosave", draft });
          const elapsed = Date.now() - started;
          if (response.status === 200) {
            const body = (await response.json()) as { version: number };
            base = body.version;
            latencies.push(elapsed);
            lastAcked.set(storyId, seq);
          } else {
            if (response.status === 409) conflicts++;
            errors++;
            await response.arrayBuffer();
          }
        } catch {
          errors++;
        }
        await new Promise((r) => setTimeout(r, Math.max(0, 2000 - (Date.now() - started))));
      }
    };

    const agent = new http.Agent({ keepAlive: true, maxSockets: PUBLIC_CONNECTIONS });
    let publicRequests = 0;
    let publicErrors = 0;
    const publicLatencies: number[] = [];
    const publicLoop = async () => {
      while (Date.now() < stopAt) {
        const started = Date.now();
        await new Promise<void>((resolve) => {
          const req = http.get({ host: "127.0.0.1", port: server.port, path: publicPath, agent }, (res) => {
            res.resume();
            res.on("end", () => {
              if (res.statusCode === 200) publicRequests++;
              else publicErrors++;
              publicLatencies.push(Date.now() - started);
              resolve();
            });
          });
          req.on("error", () => {
            publicErrors++;
            resolve();
          });
        });
      }
    };

    const began = Date.now();
    await Promise.all([...sessions.map((_, i) => editorLoop(i)), ...Array.from({ length: PUBLIC_CONNECTIONS }, publicLoop)]);
    const elapsed = (Date.now() - began) / 1000;
    agent.destroy();
    await server.stop();

    // Lost updates: the stored text of each story must carry its client's last acknowledged sequence number.
    const rows = await handle.db.select({ id: schema.stories.id, headline: schema.stories.headline }).from(schema.stories).where(inArray(schema.stories.id, storyIds));
    let lost = 0;
    for (const row of rows) {
      const seq = lastAcked.get(row.id);
      if (seq !== undefined && !row.headline.endsWith(` seq ${seq}`)) lost++;
    }
    await handle.close();

    latencies.sort((a, b) => a - b);
    publicLatencies.sort((a, b) => a - b);
    console.log("\nResults");
    console.log(`  saves:            ${latencies.length} acknowledged in ${elapsed.toFixed(0)} s`);
    console.log(`  save latency:     p50 ${percentile(latencies, 50)} ms, p95 ${percentile(latencies, 95)} ms, p99 ${percentile(latencies, 99)} ms (target p95 < 300, p99 < 1000)`);
    console.log(`  save errors:      ${errors} (of which conflicts: ${conflicts}) (target 0)`);
    console.log(`  lost updates:     ${lost} (target 0)`);
    console.log(`  public page:      ${(publicRequests / elapsed).toFixed(0)} requests/s on ${publicPath}, p50 ${percentile(publicLatencies, 50)} ms, p99 ${percentile(publicLatencies, 99)} ms, ${publicErrors} errors`);
    const pass = percentile(latencies, 95) < 300 && percentile(latencies, 99) < 1000 && errors === 0 && lost === 0;
    console.log(pass ? "  verdict:          all targets met" : "  verdict:          TARGETS MISSED");
  } finally {
    pg?.destroy();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
