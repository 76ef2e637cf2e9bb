// Runs the production build for `npm start` without flooding the terminal: says at once what is
// happening and about how long it takes, shows one line per build phase and a heartbeat, keeps
// Next's whole log in a file, and prints only a summary (or, on failure, the log's tail).
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

/** Next's own phase lines, shortened to what a newcomer needs to know it is moving. */
const PHASES = [
  [/Creating an optimized production build/i, "compiling the app"],
  [/Compiled successfully/i, "compiled"],
  [/(Running TypeScript|Linting and checking validity of types)/i, "checking types"],
  [/Collecting page data/i, "collecting page data"],
  [/Generating static pages/i, "generating static pages"],
  [/Finaliz(ing|e) page optimization/i, "finishing"],
];

const TAIL_LINES = 40;

export function formatDuration(ms) {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  return `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, "0")} s`;
}

function readLastSeconds(file) {
  try {
    const value = Number(fs.readFileSync(file, "utf8"));
    return Number.isFinite(value) && value > 0 ? value : null;
  } catch {
    return null;
  }
}

/**
 * @param {{ command: string, args: string[], env?: NodeJS.ProcessEnv, logFile: string, timingFile: string,
 *           print?: (line: string) => void, heartbeatMs?: number, now?: () => number }} options
 * @returns {Promise<{ ok: boolean, code: number, ms: number }>}
 */
export function runBuild({ command, args, env = process.env, logFile, timingFile, print = (line) => console.log(line), heartbeatMs = 30_000, now = Date.now }) {
  const last = readLastSeconds(timingFile);
  const estimate = last ? `about ${formatDuration(last * 1000)} (the last build here)` : "about 2 to 4 minutes on a small machine, longer under load";
  print(`Dateline: building the production app (first start, or the sources changed). This takes ${estimate}; the server starts when it is done.`);
  print(`  Full build log: ${logFile}`);
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const log = fs.createWriteStream(logFile);
  const started = now();
  const seen = new Set();
  let routes = 0;
  let pending = "";

  return new Promise((resolve) => {
    const child = spawn(command, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    const onData = (chunk) => {
      log.write(chunk);
      pending += chunk.toString("utf8");
      const lines = pending.split(/\r?\n/);
      pending = lines.pop() ?? "";
      for (const line of lines) {
        if (/^[├└┌│]\s/.test(line.trim())) routes++;
        for (const [pattern, label] of PHASES) {
          if (!seen.has(label) && pattern.test(line)) {
            seen.add(label);
            print(`  · ${label} (${formatDuration(now() - started)})`);
          }
        }
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    const heartbeat = setInterval(() => print(`  · still building (${formatDuration(now() - started)})`), heartbeatMs);
    heartbeat.unref();
    const finish = (code) => {
      clearInterval(heartbeat);
      const ms = now() - started;
      log.end(() => {
        if (code === 0) {
          fs.mkdirSync(path.dirname(timingFile), { recursive: true });
          fs.writeFileSync(timingFile, String(Math.round(ms / 1000)));
          print(`✔ Built in ${formatDuration(ms)}${routes > 0 ? ` (${routes} routes)` : ""}.`);
        } else {
          const tail = fs.readFileSync(logFile, "utf8").trimEnd().split(/\r?\n/).slice(-TAIL_LINES);
          print(`✖ The build failed after ${formatDuration(ms)}. The last ${tail.length} lines of ${logFile}:`);
          for (const line of tail) print(`  ${line}`);
        }
        resolve({ ok: code === 0, code: code ?? 1, ms });
      });
    };
    child.on("error", (error) => {
      log.write(`\n${error.message}\n`);
      finish(1);
    });
    child.on("close", (code) => finish(code));
  });
}
