import { afterEach, describe, expect, it } from "vitest";
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase, queryRows } from "./open";

const dirs: string[] = [];
const children: ChildProcess[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dateline-lock-"));
  dirs.push(dir);
  return dir;
}

afterEach(() => {
  for (const child of children.splice(0)) child.kill("SIGKILL");
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** Starts a real second process that opens the embedded database and holds it until killed. */
function holdDatabaseInChild(dataDir: string): Promise<ChildProcess> {
  const script = `
    const mod = await import("./lib/db/open.ts");
    const { openDatabase } = mod.openDatabase ? mod : mod.default;
    await openDatabase({ engine: "pglite", dataDir: ${JSON.stringify(dataDir)} });
    console.log("READY");
    setInterval(() => {}, 1000);
  `;
  const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    cwd: process.cwd(),
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let err = "";
    child.stderr!.on("data", (d) => (err += d));
    child.stdout!.on("data", (d) => String(d).includes("READY") && resolve(child));
    child.on("exit", (code) => reject(new Error(`child exited ${code}: ${err}`)));
  });
}

describe("embedded database lock", () => {
  it("refuses a second process on the same data directory and names the owner's PID", async () => {
    const dataDir = tempDir();
    const owner = await holdDatabaseInChild(dataDir);
    const error = await openDatabase({ engine: "pglite", dataDir }).catch((e) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toContain(`already open in process ${owner.pid}`);
    expect(error.message).toContain(dataDir);
  }, 60_000);

  it("takes over a stale lock left by a killed process, keeping the data", async () => {
    const dataDir = tempDir();
    const first = await openDatabase({ engine: "pglite", dataDir });
    await first.db.execute("insert into newsroom_settings (id, name) values (1, 'Kept')" as never);
    await first.close();
    fs.writeFileSync(path.join(dataDir, "dateline.lock"), JSON.stringify({ pid: 2 ** 22 + 12345 }));
    const second = await openDatabase({ engine: "pglite", dataDir });
    const rows = await queryRows<{ name: string }>(second.db, "select name from newsroom_settings");
    expect(rows[0]?.name).toBe("Kept");
    await second.close();
    expect(fs.existsSync(path.join(dataDir, "dateline.lock"))).toBe(false);
  }, 60_000);

  it("refuses to open during next build", async () => {
    const error = await openDatabase({ engine: "pglite", dataDir: tempDir(), isBuildPhase: true }).catch((e) => e);
    expect(error.message).toMatch(/must not be opened during `next build`/);
  });

  it("explains an unwritable data directory in one line", async () => {
    const file = path.join(tempDir(), "a-file");
    fs.writeFileSync(file, "");
    const error = await openDatabase({ engine: "pglite", dataDir: path.join(file, "data") }).catch((e) => e);
    expect(error.message).toMatch(/^The data directory .* is not writable \(ENOTDIR\)\. Set DATELINE_DATA_DIR/);
  });
});
