#!/usr/bin/env node
// `npm start`: build if the production build is missing or stale, then serve Dateline.
// Migrations run inside the server as it starts (instrumentation.ts), before the first request.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { buildIsCurrent, sourceHash, writeBuildStamp } from "./build-stamp.mjs";
import { runBuild } from "./build-runner.mjs";

// Outside .next, which `next build` empties as it starts.
const BUILD_LOG = "build.log";
const BUILD_TIMING = "node_modules/.cache/dateline/last-build-seconds";

const require = createRequire(import.meta.url);
const nextBin = require.resolve("next/dist/bin/next");
const buildOnly = process.argv.includes("--build-only");

if (!buildIsCurrent()) {
  const builtFrom = sourceHash();
  // Next's full log goes to a file; the terminal gets what is happening, phases and a summary.
  const build = await runBuild({
    command: process.execPath,
    args: [nextBin, "build"],
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
    logFile: BUILD_LOG,
    timingFile: BUILD_TIMING,
  });
  if (!build.ok) process.exit(build.code);
  writeBuildStamp(builtFrom);
} else if (buildOnly) {
  console.log("Dateline: the production build is up to date.");
}
if (buildOnly) process.exit(0);

const port = process.env.PORT || "3000";
// scripts/serve.mjs: Next's handler behind the in-memory public page cache (see front-cache.mjs).
const server = spawn(process.execPath, [fileURLToPath(new URL("./serve.mjs", import.meta.url))], {
  stdio: "inherit",
  // Our own handler (lib/server-runtime.ts) closes the embedded database before exiting.
  env: { ...process.env, PORT: port, NODE_ENV: "production", NEXT_MANUAL_SIG_HANDLE: "true", NEXT_TELEMETRY_DISABLED: "1" },
});
console.log(`Dateline: starting on http://localhost:${port} (first run: open http://localhost:${port}/setup)`);

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => server.kill(signal));
}
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
