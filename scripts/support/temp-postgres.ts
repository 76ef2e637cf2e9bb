/**
 * A throw-away PostgreSQL server on loopback for fault and load runs, from Debian's server
 * binaries (kept off PATH under /usr/lib/postgresql/<version>/bin). PostgreSQL refuses to run as
 * root, so when we are root it runs as the `postgres` user.
 */
import { execFile, execFileSync } from "node:child_process";
import { promisify } from "node:util";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export type TempPostgres = {
  url: string;
  port: number;
  stop: () => void;
  start: () => void;
  /** Stops the server, keeps it down for `downMs`, starts it again; without blocking the caller's event loop. */
  restart: (downMs?: number) => Promise<void>;
  kill: () => void;
  destroy: () => void;
};

function pgBin(): string {
  const root = "/usr/lib/postgresql";
  const versions = fs.existsSync(root) ? fs.readdirSync(root).filter((v) => fs.existsSync(path.join(root, v, "bin", "initdb"))) : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (!newest) throw new Error("PostgreSQL server binaries not found (apt-get install postgresql).");
  return path.join(root, newest, "bin");
}

export function startTempPostgres(port: number): TempPostgres {
  const bin = pgBin();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dateline-pg-"));
  const data = path.join(dir, "data");
  const asRoot = process.getuid?.() === 0;
  const run = (cmd: string, args: string[]) =>
    asRoot ? execFileSync("runuser", ["-u", "postgres", "--", path.join(bin, cmd), ...args], { stdio: "pipe" }) : execFileSync(path.join(bin, cmd), args, { stdio: "pipe" });
  if (asRoot) execFileSync("chown", ["postgres:postgres", dir]);
  fs.chmodSync(dir, 0o700);
  run("initdb", ["-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8"]);
  const opts = `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c max_connections=300 -c fsync=on`;
  const start = () => void run("pg_ctl", ["-D", data, "-l", path.join(data, "server.log"), "-w", "-o", opts, "start"]);
  const stop = () => void run("pg_ctl", ["-D", data, "-m", "fast", "-w", "stop"]);
  const runAsync = (cmd: string, args: string[]) =>
    promisify(execFile)(asRoot ? "runuser" : path.join(bin, cmd), asRoot ? ["-u", "postgres", "--", path.join(bin, cmd), ...args] : args);
  start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    start,
    stop,
    restart: async (downMs = 1000) => {
      await runAsync("pg_ctl", ["-D", data, "-m", "fast", "-w", "stop"]);
      await new Promise((r) => setTimeout(r, downMs));
      await runAsync("pg_ctl", ["-D", data, "-l", path.join(data, "server.log"), "-w", "-o", opts, "start"]);
    },
    kill: () => {
      try {
        run("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
      } catch {
        /* already down */
      }
    },
    destroy: () => {
      try {
        stop();
      } catch {
        /* already down */
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
