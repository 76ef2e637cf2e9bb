/**
 * Opens Dateline's database: embedded PGlite in a data directory, or PostgreSQL when a URL is given.
 * Both engines get the same schema and the same migrations, applied here before first use.
 * Not "server-only" so that scripts and tests can open a database without Next.
 */
import fs from "node:fs";
import path from "node:path";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import * as schema from "./schema";
import { acquirePgliteLock, DataDirectoryLockedError } from "./pglite-lock";
import { releaseClientsOnFailedBegin } from "./pool-guard";

export type Schema = typeof schema;
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type Engine = "pglite" | "postgres";

export type DbHandle = {
  db: Database;
  engine: Engine;
  /** Counts every statement sent, so tests can prove a cached page costs no query. */
  queryCount: () => number;
  /**
   * PostgreSQL only: a dedicated connection LISTENing on `channel`, reconnecting after the server
   * restarts. Resolves to a function that stops listening. (PGlite is one process: nothing to hear.)
   */
  listen?: (channel: string, onMessage: (payload: string) => void) => Promise<() => Promise<void>>;
  close: () => Promise<void>;
};

export class StartupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StartupError";
  }
}

export const MIGRATIONS_FOLDER = path.join(process.cwd(), "lib", "db", "migrations");

/** Any number stable across releases: serialises migrations when several instances start at once. */
const MIGRATION_LOCK_KEY = 7_264_551;

export type OpenOptions =
  | { engine: "pglite"; dataDir: string | null; isBuildPhase?: boolean }
  | { engine: "postgres"; url: string; poolSize?: number; migrate?: boolean };

export async function openDatabase(options: OpenOptions): Promise<DbHandle> {
  let count = 0;
  const logger = { logQuery: () => void count++ };
  if (options.engine === "pglite") return openPglite(options.dataDir, !!options.isBuildPhase, logger, () => count);
  return openPostgres(options.url, options.poolSize ?? 10, logger, () => count, options.migrate ?? true);
}

async function openPglite(
  dataDir: string | null,
  isBuildPhase: boolean,
  logger: { logQuery: () => void },
  queryCount: () => number,
): Promise<DbHandle> {
  if (isBuildPhase) {
    // A build that opened the data directory would fight the running server for it.
    throw new StartupError("The embedded database must not be opened during `next build`. A page read the database at build time; make it dynamic.");
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const { migrate } = await import("drizzle-orm/pglite/migrator");

  let lock: { release: () => void } | undefined;
  let client: InstanceType<typeof PGlite>;
  if (dataDir === null) {
    client = new PGlite();
  } else {
    prepareDataDir(dataDir);
    lock = acquirePgliteLock(dataDir);
    try {
      // PGlite's own mkdir is not recursive; prepareDataDir made the parent.
      client = new PGlite(path.join(dataDir, "pglite"));
      await client.waitReady;
    } catch (error) {
      lock.release();
      throw new StartupError(`The embedded database in ${dataDir} could not be opened (${shortReason(error)}). Move that folder aside or set DATELINE_DATA_DIR to a new folder.`);
    }
  }
  const db = drizzle({ client, schema, logger }) as unknown as Database;
  try {
    await migrate(db as never, { migrationsFolder: MIGRATIONS_FOLDER });
  } catch (error) {
    await client.close().catch(() => {});
    lock?.release();
    throw new StartupError(`Database migration failed: ${shortReason(error)}`);
  }
  let closed = false;
  return {
    db,
    engine: "pglite",
    queryCount,
    close: async () => {
      if (closed) return;
      closed = true;
      try {
        await client.close();
      } finally {
        lock?.release();
      }
    },
  };
}

function prepareDataDir(dataDir: string): void {
  try {
    fs.mkdirSync(dataDir, { recursive: true });
    const probe = path.join(dataDir, `.write-test-${process.pid}`);
    fs.writeFileSync(probe, "");
    fs.rmSync(probe);
  } catch (error) {
    throw new StartupError(
      `The data directory ${dataDir} is not writable (${(error as NodeJS.ErrnoException).code ?? shortReason(error)}). Set DATELINE_DATA_DIR to a folder this user can write, or set DATABASE_URL to use PostgreSQL.`,
    );
  }
}

async function openPostgres(
  url: string,
  poolSize: number,
  logger: { logQuery: () => void },
  queryCount: () => number,
  runMigrations: boolean,
): Promise<DbHandle> {
  const { default: pg } = await import("pg");
  const { drizzle } = await import("drizzle-orm/node-postgres");
  const { migrate } = await import("drizzle-orm/node-postgres/migrator");
  const where = describeUrl(url);

  // Connect first to report an unreachable server clearly; then migrate on this one connection
  // holding an advisory lock, so concurrent starts take turns.
  const migrator = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await migrator.connect();
  } catch (error) {
    await migrator.end().catch(() => {});
    throw new StartupError(`Cannot connect to PostgreSQL at ${where}: ${postgresReason(error)}. Check DATABASE_URL and that the server is running.`);
  }
  try {
    if (runMigrations) {
      await migrator.query("select pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
      await migrate(drizzle({ client: migrator, schema }) as never, { migrationsFolder: MIGRATIONS_FOLDER });
    }
  } catch (error) {
    throw new StartupError(`Database migration failed on ${where}: ${shortReason(error)}`);
  } finally {
    if (runMigrations) await migrator.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]).catch(() => {});
    await migrator.end().catch(() => {});
  }

  const pool = releaseClientsOnFailedBegin(new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 5000, idleTimeoutMillis: 30_000 }));
  // An idle client losing its server (restart, failover) must not crash the process; the next query reconnects.
  pool.on("error", () => {});
  const db = drizzle({ client: pool, schema, logger }) as unknown as Database;
  let closed = false;
  const listen = async (channel: string, onMessage: (payload: string) => void) => {
    if (!/^[a-z_]+$/.test(channel)) throw new Error("channel names are plain identifiers");
    let stopped = false;
    let client: InstanceType<typeof pg.Client> | null = null;
    const connect = async (): Promise<void> => {
      while (!stopped) {
        const next = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
        try {
          await next.connect();
          next.on("notification", (message) => message.channel === channel && message.payload && onMessage(message.payload));
          // A dropped connection (server restart) is replaced; notifications sent meanwhile are lost,
          // which the public page cache's short TTL bounds.
          next.on("error", () => {});
          next.on("end", () => {
            if (!stopped) setTimeout(() => void connect(), 1000).unref?.();
          });
          await next.query(`listen ${channel}`);
          client = next;
          return;
        } catch {
          await next.end().catch(() => {});
          await new Promise((r) => setTimeout(r, 1000));
        }
      }
    };
    await connect();
    return async () => {
      stopped = true;
      await client?.end().catch(() => {});
    };
  };
  return {
    db,
    engine: "postgres",
    queryCount,
    listen,
    close: async () => {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}

function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || "5432"}${u.pathname}`;
  } catch {
    return "the configured address";
  }
}

function postgresReason(error: unknown): string {
  const e = error as { code?: string; message?: string };
  switch (e.code) {
    case "ECONNREFUSED":
      return "connection refused";
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return "host not found";
    case "ETIMEDOUT":
      return "connection timed out";
    case "28P01":
    case "28000":
      return "password authentication failed";
    case "3D000":
      return "the database does not exist";
    default:
      return shortReason(error);
  }
}

function shortReason(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return shortReason(error.errors[0]);
  const message = error instanceof Error ? error.message : String(error);
  return (message.split("\n")[0] ?? "unknown error").slice(0, 300);
}

/** One line for the operator, whatever went wrong while opening the database. */
export function describeStartupError(error: unknown): string {
  if (error instanceof StartupError || error instanceof DataDirectoryLockedError) return error.message;
  if (error instanceof Error && error.name === "ConfigError") return error.message;
  return `Dateline could not start: ${shortReason(error)}`;
}

/** Raw SQL rows on either engine (both drivers answer with `{ rows }`). */
export async function queryRows<T>(db: Pick<Database, "execute">, query: import("drizzle-orm").SQLWrapper | string): Promise<T[]> {
  const result = (await db.execute(query as never)) as unknown as { rows: T[] };
  return result.rows;
}
