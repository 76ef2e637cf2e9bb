/**
 * PGlite has no cross-process locking: two processes on one data directory lose writes silently.
 * This lock file, holding the owner's PID, turns that into an immediate, explained refusal.
 */
import fs from "node:fs";
import path from "node:path";

export class DataDirectoryLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly ownerPid: number,
  ) {
    super(
      `The embedded database in ${dataDir} is already open in process ${ownerPid}. ` +
        `Stop that process (kill ${ownerPid}) or point DATELINE_DATA_DIR at another folder, then try again.`,
    );
    this.name = "DataDirectoryLockedError";
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM means the process exists but belongs to someone else: still alive.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readOwner(lockPath: string): number | undefined {
  try {
    const pid = Number(JSON.parse(fs.readFileSync(lockPath, "utf8")).pid);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

export type PgliteLock = { lockPath: string; release: () => void };

/** Takes the lock or throws DataDirectoryLockedError naming the live owner. Stale locks are replaced. */
export function acquirePgliteLock(dataDir: string): PgliteLock {
  const lockPath = path.join(dataDir, "dateline.lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(lockPath, "wx");
      fs.writeSync(fd, JSON.stringify({ pid: process.pid, startedAt: new Date().toISOString() }));
      fs.closeSync(fd);
      const release = () => {
        if (readOwner(lockPath) === process.pid) fs.rmSync(lockPath, { force: true });
      };
      // A crash or process.exit skips async cleanup; the exit hook is synchronous and always runs.
      process.once("exit", release);
      return { lockPath, release };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = readOwner(lockPath);
      if (owner !== undefined && owner !== process.pid && isAlive(owner)) {
        throw new DataDirectoryLockedError(dataDir, owner);
      }
      if (owner === process.pid) throw new DataDirectoryLockedError(dataDir, owner);
      // The owner is gone (crash, kill -9): the lock is stale.
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`Could not take the database lock at ${lockPath}.`);
}
