import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, queryRows, type DbHandle } from "@/lib/db/open";
import { openTestDatabase, type TestDbHandle } from "@/lib/testing/test-db";

// On PostgreSQL (DATABASE_URL) this runs against a pool of ONE connection: a transaction whose
// BEGIN fails must give that connection back, or the next query waits for it until it times out.
// On PGlite (one connection, no pool) it shows the same behaviour from the caller's side.
let base: TestDbHandle;
let handle: DbHandle;

beforeAll(async () => {
  base = await openTestDatabase();
  handle = base.url ? await openDatabase({ engine: "postgres", url: base.url, poolSize: 1, migrate: false }) : base;
});

afterAll(async () => {
  if (handle !== base) await handle.close();
  await base.close();
});

describe("a transaction whose BEGIN fails", () => {
  it("is refused, and the connection it took serves the next queries", async () => {
    for (let i = 0; i < 3; i++) {
      await expect(handle.db.transaction(async () => undefined, { isolationLevel: "no such level" as never })).rejects.toThrow();
      const started = Date.now();
      const [row] = await queryRows<{ answer: number }>(handle.db, sql`select 41 + 1 as answer`);
      expect(Number(row?.answer)).toBe(42);
      expect(Date.now() - started).toBeLessThan(2_000);
    }
  });
});
