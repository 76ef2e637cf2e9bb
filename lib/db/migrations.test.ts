import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { openTestDatabase } from "@/lib/testing/test-db";
import type { DbHandle } from "./open";
import { openDatabase, queryRows } from "./open";

describe("migrations", () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await openTestDatabase();
  });
  afterAll(async () => {
    await handle?.close();
  });

  it("creates every table of the domain", async () => {
    const rows = await queryRows<{ table_name: string }>(
      handle.db,
      sql`select table_name from information_schema.tables where table_schema = 'public' order by table_name`,
    );
    const names = rows.map((r) => r.table_name);
    for (const table of [
      "newsroom_settings",
      "users",
      "invites",
      "sections",
      "stories",
      "story_revisions",
      "story_bylines",
      "tags",
      "story_tags",
      "comments",
      "corrections",
      "media_assets",
      "audit_events",
      "login_attempts",
      "user_sessions",
      "notifications",
      "story_redirects",
    ]) {
      expect(names).toContain(table);
    }
    // Presence lives in the shared documents' awareness now; the heartbeat table is gone.
    expect(names).not.toContain("story_presence");
  });

  it("records each migration once and is idempotent on a second run", async () => {
    const [before] = await queryRows<{ n: number }>(handle.db, sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
    expect(before!.n).toBeGreaterThan(0);
    const { migrate } = handle.engine === "pglite" ? await import("drizzle-orm/pglite/migrator") : await import("drizzle-orm/node-postgres/migrator");
    const { MIGRATIONS_FOLDER } = await import("./open");
    await migrate(handle.db as never, { migrationsFolder: MIGRATIONS_FOLDER });
    const [after] = await queryRows<{ n: number }>(handle.db, sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
    expect(after!.n).toBe(before!.n);
  });

  it("enforces the single settings row and unique emails", async () => {
    await handle.db.execute(sql`insert into newsroom_settings (id, name) values (1, 'Dateline')`);
    await expect(handle.db.execute(sql`insert into newsroom_settings (id, name) values (2, 'Other')`)).rejects.toThrow();
    await handle.db.execute(sql`insert into users (email, name, slug, role, password_hash) values ('a@x.org', 'A', 'a', 'admin', 'h')`);
    await expect(
      handle.db.execute(sql`insert into users (email, name, slug, role, password_hash) values ('a@x.org', 'B', 'b', 'editor', 'h')`),
    ).rejects.toThrow();
  });
});

describe("opening PostgreSQL with bad settings", () => {
  it("explains an unreachable server in one line", async () => {
    const error = await openDatabase({ engine: "postgres", url: "postgres://nobody:secret@127.0.0.1:1/none" }).catch((e) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toMatch(/^Cannot connect to PostgreSQL at 127\.0\.0\.1:1\/none: connection refused\. Check DATABASE_URL/);
    expect(error.message).not.toContain("\n");
    expect(error.message).not.toContain("secret");
  });
});
