/**
 * Shared set-up for tests that go through the whole pipeline: a fresh migrated database, a
 * throw-away uploads folder wired in through DATELINE_UPLOADS_DIR, and a signed-in reporter.
 */
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import { count } from "drizzle-orm";
import type { Viewer } from "@/lib/auth/viewer";
import { setDbHandleForTests } from "@/lib/db";
import type { DbHandle } from "@/lib/db/open";
import { mediaAssets, users } from "@/lib/db/schema";
import { resetEnvForTests } from "@/lib/env";
import { openTestDatabase } from "@/lib/testing/test-db";

export type MediaTestEnvironment = {
  handle: () => DbHandle;
  uploadsDir: () => string;
  reporter: () => Viewer;
  countAssets: () => Promise<number>;
  /** Every file under the uploads folder, relative to it. */
  listFiles: () => Promise<string[]>;
};

export function setUpMediaTestEnvironment(): MediaTestEnvironment {
  let handle: DbHandle | undefined;
  let uploadsDir = "";
  let reporter: Viewer | undefined;
  const previousUploadsDir = process.env.DATELINE_UPLOADS_DIR;

  beforeAll(async () => {
    uploadsDir = await fs.mkdtemp(path.join(os.tmpdir(), "dateline-media-test-"));
    process.env.DATELINE_UPLOADS_DIR = uploadsDir;
    resetEnvForTests();
    handle = await openTestDatabase();
    setDbHandleForTests(handle);
    const [row] = await handle.db
      .insert(users)
      .values({ email: "rima@example.org", name: "Rima Reporter", slug: "rima-reporter", role: "reporter", passwordHash: "not-a-hash" })
      .returning();
    reporter = { id: row!.id, name: row!.name, email: row!.email, slug: row!.slug, role: row!.role };
  });

  afterAll(async () => {
    setDbHandleForTests(undefined);
    await handle?.close();
    if (previousUploadsDir === undefined) delete process.env.DATELINE_UPLOADS_DIR;
    else process.env.DATELINE_UPLOADS_DIR = previousUploadsDir;
    resetEnvForTests();
    if (uploadsDir) await fs.rm(uploadsDir, { recursive: true, force: true });
  });

  return {
    handle: () => handle!,
    uploadsDir: () => uploadsDir,
    reporter: () => reporter!,
    countAssets: async () => {
      const [row] = await handle!.db.select({ n: count() }).from(mediaAssets);
      return row?.n ?? 0;
    },
    listFiles: async () => {
      const entries = await fs.readdir(uploadsDir, { recursive: true, withFileTypes: true });
      return entries
        .filter((entry) => entry.isFile())
        .map((entry) => path.relative(uploadsDir, path.join(entry.parentPath, entry.name)))
        .sort();
    },
  };
}
