import { defineConfig, devices } from "@playwright/test";
import fs from "node:fs";
import path from "node:path";

const PORT = Number(process.env.E2E_PORT ?? 3100);
// One data directory per port: several engineers run end-to-end suites at once on one machine.
export const E2E_DATA_DIR = path.resolve(`.data/e2e-${PORT}`);

// The main process evaluates this file before starting the server: begin every run with an empty
// newsroom. Workers evaluate it too, and must not wipe the directory under a running server.
if (!process.env.TEST_WORKER_INDEX && !process.env.E2E_KEEP_DATA) {
  fs.rmSync(E2E_DATA_DIR, { recursive: true, force: true });
}

export default defineConfig({
  testDir: "./e2e",
  outputDir: "./test-results",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL: `http://localhost:${PORT}`,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  projects: [
    // Runs first, against the empty newsroom.
    { name: "empty-newsroom", testMatch: /empty-newsroom\.spec\.ts/, use: { ...devices["Desktop Chrome"] } },
    {
      name: "journeys",
      testMatch: /.*\.spec\.ts/,
      testIgnore: /empty-newsroom\.spec\.ts/,
      dependencies: ["empty-newsroom"],
      use: { ...devices["Desktop Chrome"] },
    },
  ],
  webServer: {
    command: "node scripts/start.mjs",
    url: `http://localhost:${PORT}/`,
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
    env: {
      PORT: String(PORT),
      DATELINE_DATA_DIR: E2E_DATA_DIR,
      DATELINE_SCHEDULER_INTERVAL_MS: "1000",
      NEXTAUTH_URL: `http://localhost:${PORT}`,
      // Test-only routes (admin session still required): see lib/site/test-hooks.ts.
      DATELINE_E2E_HOOKS: "1",
    },
  },
});
