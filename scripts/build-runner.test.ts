import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { formatDuration, runBuild } from "./build-runner.mjs";

/** A stand-in for `next build`: a real child process printing a long log like Next's. */
const FAKE_BUILD = `
const noise = Array.from({ length: 300 }, (_, i) => "   chunk " + i + " compiled");
console.log("   ▲ Next.js 16");
console.log("   Creating an optimized production build ...");
for (const line of noise) console.log(line);
console.log(" ✓ Compiled successfully in 61s");
console.log("   Collecting page data ...");
console.log("├ ƒ /desk");
console.log("└ ƒ /search");
if (process.env.FAIL) { console.error("Type error: something broke in app/page.tsx"); process.exit(3); }
`;

const dirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dateline-build-runner-"));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

async function run(env: Record<string, string> = {}, dir = tempDir()) {
  const printed: string[] = [];
  const logFile = path.join(dir, "build.log");
  const timingFile = path.join(dir, "cache", "last-build-seconds");
  const result = await runBuild({ command: process.execPath, args: ["-e", FAKE_BUILD], env: { ...process.env, ...env }, logFile, timingFile, print: (line: string) => printed.push(line) });
  return { result, printed, logFile, timingFile, dir };
}

describe("the first-start build output", () => {
  it("says at once what is happening and how long it takes, then a short summary; the full log goes to a file", async () => {
    const { result, printed, logFile, timingFile } = await run();
    expect(result.ok).toBe(true);
    expect(printed[0]).toMatch(/^Dateline: building the production app .*about 2 to 4 minutes/);
    expect(printed.at(-1)).toMatch(/^✔ Built in \d+ s \(2 routes\)\.$/);
    expect(printed.length).toBeLessThan(10);
    expect(printed.join("\n")).not.toContain("chunk 17 compiled");
    expect(printed).toContain("  · compiling the app (0 s)");
    expect(fs.readFileSync(logFile, "utf8")).toContain("chunk 299 compiled");
    expect(fs.existsSync(timingFile)).toBe(true);
  });

  it("estimates from the last build once there was one", async () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, "cache"), { recursive: true });
    fs.writeFileSync(path.join(dir, "cache", "last-build-seconds"), "161");
    const { printed } = await run({}, dir);
    expect(printed[0]).toContain("about 2 min 41 s (the last build here)");
  });

  it("on failure prints the end of the log, where the error is", async () => {
    const { result, printed, timingFile } = await run({ FAIL: "1" });
    expect(result).toMatchObject({ ok: false, code: 3 });
    const text = printed.join("\n");
    expect(text).toMatch(/✖ The build failed after \d+ s\. The last 40 lines of /);
    expect(text).toContain("Type error: something broke in app/page.tsx");
    expect(fs.existsSync(timingFile)).toBe(false);
  });

  it("formats durations", () => {
    expect(formatDuration(4_400)).toBe("4 s");
    expect(formatDuration(161_000)).toBe("2 min 41 s");
  });
});
