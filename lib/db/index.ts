import "server-only";
import { getEnv } from "@/lib/env";
import { openDatabase, type Database, type DbHandle } from "./open";

export type { Database } from "./open";
export { queryRows } from "./open";
export * as tables from "./schema";

// Next bundles instrumentation and each route separately; a module-level singleton would be
// duplicated, and two PGlite instances on one directory lose writes. globalThis is shared.
const globalForDb = globalThis as typeof globalThis & { __datelineDb?: Promise<DbHandle> };

/** The process-wide database handle, opened and migrated on first use. */
export function getDbHandle(): Promise<DbHandle> {
  if (!globalForDb.__datelineDb) {
    const env = getEnv();
    const opening = env.databaseUrl
      ? openDatabase({ engine: "postgres", url: env.databaseUrl })
      : openDatabase({ engine: "pglite", dataDir: `${env.dataDir}`, isBuildPhase: env.isBuildPhase });
    globalForDb.__datelineDb = opening;
    opening.catch(() => {
      if (globalForDb.__datelineDb === opening) globalForDb.__datelineDb = undefined;
    });
  }
  return globalForDb.__datelineDb;
}

export async function getDb(): Promise<Database> {
  return (await getDbHandle()).db;
}

/** Tests inject their own database; the app never calls this. */
export function setDbHandleForTests(handle: DbHandle | undefined): void {
  globalForDb.__datelineDb = handle ? Promise.resolve(handle) : undefined;
}

export async function closeDb(): Promise<void> {
  const current = globalForDb.__datelineDb;
  globalForDb.__datelineDb = undefined;
  if (current) await (await current.catch(() => undefined))?.close();
}
