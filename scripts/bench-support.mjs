// Shared by the benchmark scripts: build, start and stop a production server, time requests.
import { spawn, spawnSync } from "node:child_process";
import net from "node:net";

/** Builds the production bundle if the sources changed (same rule as `npm start`). */
export function ensureBuild() {
  const result = spawnSync(process.execPath, ["scripts/start.mjs", "--build-only"], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (result.status !== 0) throw new Error("the production build failed");
}

export async function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

/**
 * Starts scripts/serve.mjs (Next behind the public page cache) on loopback and waits until it
 * answers. Test hooks are on so the benchmark may bypass the page cache to measure Next's own.
 */
export async function startServer({ port, env = {}, quiet = true }) {
  const child = spawn(process.execPath, ["scripts/serve.mjs"], {
    stdio: quiet ? ["ignore", "pipe", "pipe"] : "inherit",
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      NEXT_MANUAL_SIG_HANDLE: "true",
      PORT: String(port),
      NEXTAUTH_URL: `http://localhost:${port}`,
      DATELINE_E2E_HOOKS: "1",
      DATELINE_SCHEDULER: "off",
      ...env,
    },
  });
  let log = "";
  child.stdout?.on("data", (d) => (log += d));
  child.stderr?.on("data", (d) => (log += d));
  const exited = new Promise((resolve) => child.once("exit", resolve));
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited during start-up:\n${log.slice(-2000)}`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/robots.txt`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`the server did not start within 120 s:\n${log.slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url: `http://127.0.0.1:${port}`,
    log: () => log,
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
      if (child.exitCode === null) child.kill("SIGKILL");
    },
  };
}

export function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}

/** Times one request end to end (headers and the whole body), in milliseconds. */
export async function timeRequest(url, init = {}) {
  const started = process.hrtime.bigint();
  const response = await fetch(url, { redirect: "manual", ...init });
  const body = await response.arrayBuffer();
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  return { ms, status: response.status, headers: response.headers, bytes: body.byteLength };
}

export function summarize(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { n: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), max: sorted.at(-1) ?? NaN };
}

export const fmt = (ms) => (Number.isFinite(ms) ? `${ms.toFixed(1)} ms` : "–");
