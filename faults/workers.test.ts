/**
 * `npm run test:faults`: the production server's page-cache workers (DATELINE_WORKERS) in front of
 * the one app process, on the embedded database. A worker killed under load costs no request beyond
 * those it was serving and is replaced; a publish reaches every worker; a WebSocket upgrade reaches
 * the app process through a worker; SIGTERM stops every process.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import WebSocket from "ws";
import { startAppServer, type AppServer } from "@/scripts/support/app-server";
import { signIn, type HttpSession } from "@/scripts/support/http-session";
import { ADMIN, seedNewsroom, serverEnv, type Engine } from "./support";

const PORT = Number(process.env.WORKER_FAULTS_PORT ?? 4971);
const CONNECTIONS = 16;

let app: AppServer;
let session: HttpSession;
let storyIds: string[];
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dateline-workers-"));

const workerPids = (output: string) => [...output.matchAll(/page-cache worker (\d+) ready/g)].map((m) => Number(m[1]));
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

beforeAll(async () => {
  const engine: Engine = { name: "pglite", dataDir: dir };
  ({ storyIds } = await seedNewsroom(engine, 1));
  app = await startAppServer(PORT, serverEnv(engine, { DATELINE_WORKERS: "2", DATELINE_E2E_HOOKS: "1", DATELINE_SCHEDULER: "off" }));
  session = await signIn(app.origin, ADMIN.email, ADMIN.password);
}, 120_000);

afterAll(async () => {
  if (app?.child.exitCode === null) await app.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** `CONNECTIONS` keep-alive connections asking for `pathname` back to back until `until()`. */
async function load(pathname: string, until: () => boolean) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  // `at`: when the request was sent.
  const outcomes: { at: number; ok: boolean; took: number }[] = [];
  const one = () =>
    new Promise<boolean>((resolve) => {
      const req = http.get({ host: "127.0.0.1", port: PORT, path: pathname, agent }, (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode === 200));
        res.on("error", () => resolve(false));
      });
      req.on("error", () => resolve(false));
      // A client gives up eventually; a request left hanging counts as failed.
      req.setTimeout(5_000, () => req.destroy());
    });
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (!until()) {
        const at = Date.now();
        outcomes.push({ at, ok: await one(), took: Date.now() - at });
      }
    }),
  );
  agent.destroy();
  return outcomes;
}

describe("page-cache workers", () => {
  it("a worker killed under load fails only the requests it was serving and is replaced", async () => {
    const [first, second] = workerPids(app.output());
    expect([first, second].every((pid) => pid && alive(pid))).toBe(true);
    const started = Date.now();
    let killedAt = 0;
    const running = load("/", () => Date.now() - started > 6_000);
    await new Promise((r) => setTimeout(r, 1_500));
    process.kill(first!, "SIGKILL");
    killedAt = Date.now();
    const outcomes = await running;
    const failed = outcomes.filter((o) => !o.ok);
    console.log(`worker kill under load: ${outcomes.length} requests, ${failed.length} failed (connections ${CONNECTIONS}), sent at ${failed.map((o) => `${o.at - killedAt} ms (took ${o.took} ms)`).join(", ")} from the kill`);
    expect(outcomes.filter((o) => o.ok).length).toBeGreaterThan(1_000);
    // At most one request per connection can have been in flight on the killed worker.
    expect(failed.length).toBeLessThanOrEqual(CONNECTIONS);
    // ...and they were sent around the kill: in flight on the worker when it died, or sent on its
    // connection in the few milliseconds before the client saw that connection close.
    expect(failed.every((o) => killedAt - o.at < 1_000 && o.at - killedAt < 500)).toBe(true);
    const replacement = workerPids(app.output()).filter((pid) => pid !== first && pid !== second);
    expect(replacement).toHaveLength(1);
    expect(alive(replacement[0]!)).toBe(true);
    expect(app.output()).toMatch(new RegExp(`page-cache worker ${first} stopped \\(SIGKILL\\); starting another`));
  }, 60_000);

  it("a publish reaches every worker's cached copy", async () => {
    // Warm both workers (round-robin hands alternate connections to each).
    for (let i = 0; i < 6; i++) await (await fetch(`${app.origin}/`, { headers: { connection: "close" } })).text();
    const published = await session.postJson("/api/test-hooks/create", { headline: "Every worker hears of it", sectionPath: "wire", slug: "every-worker" });
    expect(published.status).toBe(200);
    for (let i = 0; i < 6; i++) {
      const page = await fetch(`${app.origin}/`, { headers: { connection: "close" } });
      expect(await page.text()).toContain("Every worker hears of it");
    }
  }, 60_000);

  it("a WebSocket upgrade for a shared story document reaches the app process through a worker", async () => {
    const socket = new WebSocket(`ws://127.0.0.1:${PORT}/desk/collab/${storyIds[0]}`, { headers: { cookie: session.cookieHeader(), origin: app.origin } });
    // Only the app process's collaboration endpoint accepts (101) after checking the session; a
    // worker never does by itself, and without a session the app refuses (401).
    const opened = await new Promise<boolean | number>((resolve, reject) => {
      socket.once("open", () => resolve(true));
      socket.once("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
      socket.once("error", reject);
    });
    expect(opened).toBe(true);
    socket.close();
    const anonymous = new WebSocket(`ws://127.0.0.1:${PORT}/desk/collab/${storyIds[0]}`, { headers: { origin: app.origin } });
    const refused = await new Promise<number>((resolve, reject) => {
      anonymous.once("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
      anonymous.once("open", () => reject(new Error("opened without a session")));
      anonymous.once("error", reject);
    });
    expect(refused).toBe(401);
  }, 30_000);

  it("SIGTERM stops the app process and every worker", async () => {
    const pids = workerPids(app.output()).filter(alive);
    expect(pids.length).toBe(2);
    expect(await app.stop()).toBe(0);
    const deadline = Date.now() + 12_000;
    while (pids.some(alive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(pids.filter(alive)).toEqual([]);
  }, 30_000);
});
