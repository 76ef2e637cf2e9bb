/**
 * Integration-test helpers for anything that needs people: a fresh migrated database wired into
 * getDb(), a session secret, and users inserted directly (one real argon2id hash shared by all, so
 * a file with twenty people does not spend a second hashing).
 */
import { afterAll, beforeAll } from "vitest";
import { count } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { setDbHandleForTests, tables } from "@/lib/db";
import type { DbHandle } from "@/lib/db/open";
import { hashPassword } from "@/lib/auth/password";
import type { Role } from "@/lib/auth/policy";
import { openTestDatabase } from "./test-db";

export const TEST_PASSWORD = "correct horse battery staple";
export const TEST_SECRET = "test-secret-that-is-long-enough-for-next-auth-0123456789";

/** Opens a fresh database for this test file and points getDb() at it. */
export function withTestDatabase(): { handle: () => DbHandle } {
  let handle: DbHandle | undefined;
  beforeAll(async () => {
    process.env.NEXTAUTH_SECRET ??= TEST_SECRET;
    handle = await openTestDatabase();
    setDbHandleForTests(handle);
  });
  afterAll(async () => {
    setDbHandleForTests(undefined);
    await handle?.close();
  });
  return {
    handle: () => {
      if (!handle) throw new Error("The test database is opened in beforeAll");
      return handle;
    },
  };
}

let sharedHash: Promise<string> | undefined;
let serial = 0;

export type TestUser = { id: string; name: string; email: string; role: Role; sessionEpoch: number; slug: string };

export async function insertUser(
  handle: DbHandle,
  options: { role: Role; email?: string; name?: string; active?: boolean; passwordHash?: string } = { role: "reporter" },
): Promise<TestUser> {
  sharedHash ??= hashPassword(TEST_PASSWORD);
  const n = ++serial;
  const name = options.name ?? `Test ${options.role} ${n}`;
  const [user] = await handle.db
    .insert(tables.users)
    .values({
      email: options.email ?? `${options.role}-${n}-${Math.random().toString(36).slice(2, 8)}@example.test`,
      name,
      slug: `test-${options.role}-${n}-${Math.random().toString(36).slice(2, 8)}`,
      role: options.role,
      active: options.active ?? true,
      passwordHash: options.passwordHash ?? (await sharedHash),
    })
    .returning({ id: tables.users.id, name: tables.users.name, email: tables.users.email, role: tables.users.role, sessionEpoch: tables.users.sessionEpoch, slug: tables.users.slug });
  return user!;
}

/** Row count of a table, for "a refused action writes no row". */
export async function countRows(handle: DbHandle, table: PgTable): Promise<number> {
  const [row] = await handle.db.select({ n: count() }).from(table);
  return Number(row?.n ?? 0);
}
