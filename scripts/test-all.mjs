#!/usr/bin/env node
// `npm test`: everything, in order, stopping at the first failing stage.
// typecheck -> lint -> unit and integration (vitest) -> production build -> forged requests against
// that build (vitest, security/) -> end-to-end (Playwright, Chromium).
import { spawnSync } from "node:child_process";

const only = process.argv.slice(2);
const stages = [
  ["typecheck", "npx", ["tsc", "--noEmit"]],
  ["lint", "npx", ["eslint", ".", "--max-warnings=0"]],
  ["unit and integration", "npx", ["vitest", "run"]],
  ["production build", process.execPath, ["scripts/start.mjs", "--build-only"]],
  ["forged requests", "npx", ["vitest", "run", "--config", "vitest.security.config.mts"]],
  ["end-to-end", "npx", ["playwright", "test"]],
].filter(([name]) => only.length === 0 || only.includes(name));

const started = Date.now();
for (const [name, command, args] of stages) {
  const t0 = Date.now();
  console.log(`\n▶ ${name}: ${[command === process.execPath ? "node" : command, ...args].join(" ")}`);
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  const seconds = ((Date.now() - t0) / 1000).toFixed(1);
  if (result.status !== 0) {
    console.error(`\n✖ ${name} failed after ${seconds}s (exit ${result.status ?? result.signal}).`);
    process.exit(result.status || 1);
  }
  console.log(`✔ ${name} passed in ${seconds}s`);
}
console.log(`\nAll stages passed in ${((Date.now() - started) / 1000).toFixed(0)}s.`);
