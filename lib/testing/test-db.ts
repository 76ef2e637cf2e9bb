/**
 * A fresh, migrated database per test file: in-memory PGlite by default, or a throw-away database
 * on the PostgreSQL server named by DATABASE_URL (CI's real-database leg runs the same suites there).
 */
import { randomBytes } from "node:crypto";
import { openDatabase, type DbHandle } from "@/lib/db/open";

export type TestDbHandle = DbHandle & { url?: string };

export async function openTestDatabase(): Promise<TestDbHandle> {
  const url = process.env.DATABASE_URL;
  if (!url) return openDatabase({ engine: "pglite", dataDir: null });

  const { default: pg } = await import("pg");
  const name = `dateline_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const testUrl = new URL(url);
  testUrl.pathname = `/${name}`;
  const handle = await openDatabase({ engine: "postgres", url: testUrl.toString(), poolSize: 5 });
  return {
    ...handle,
    url: testUrl.toString(),
    close: async () => {
      await handle.close();
      const dropper = new pg.Client({ connectionString: url });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}

export function usingPostgres(): boolean {
  return !!process.env.DATABASE_URL;
}
