import { defineConfig, devices } from "@playwright/test";
import fs from "node:fs";
import { E2E_DATA_DIR, E2E_PORT } from "./e2e/support/accounts";

const PORT = E2E_PORT;

// The main process evaluates this file before starting the server: begin every run with an empty
// newsroom. Workers evaluate it too, and must not wipe the directory under a running server.
// The folder is per port (.data/e2e-<port>), so runs on different E2E_PORTs never share one.
if (!process.env.TEST_WORKER_INDEX && !process.env.E2E_KEEP_DATA) {
  fs.rmSync(E2E_DATA_DIR, { recursive: true, force: true });
}

export default defineConfig({
  testDir: "./e2e",
  outputDir: `./test-results/e2e-${PORT}`,
  fullyParallel: false,
  workers: 1,
  // No retries: a journey that fails once has found something (the editor's lost characters were
  // first seen as "flaky" runs).
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
    // Then /setup and the invite flow through the UI, saving a signed-in state per role
    // (e2e/support/accounts.ts explains how journeys use them).
    {
      name: "newsroom-setup",
      testMatch: /support\/newsroom\.setup\.ts/,
      dependencies: ["empty-newsroom"],
      use: { ...devices["Desktop Chrome"] },
    },
    {
      name: "journeys",
      testMatch: /.*\.spec\.ts/,
      testIgnore: /empty-newsroom\.spec\.ts/,
      dependencies: ["newsroom-setup"],
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
      // Playwright stands in for one trusted proxy, so a test can give a browser its own client
      // address (X-Forwarded-For) and deliberate failed sign-ins do not lock out 127.0.0.1.
      DATELINE_TRUSTED_PROXIES: "1",
      // Test-only routes (admin session still required): see lib/testing/test-hooks.ts.
      DATELINE_E2E_HOOKS: "1",
    },
  },
});
