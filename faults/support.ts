/**
 * Shared steps of the fault runs: seed a newsroom straight into a database with the real commands,
 * then hand the database to a real production server.
 */
import { setDbHandleForTests } from "@/lib/db";
import { openDatabase, type DbHandle } from "@/lib/db/open";
import { setUpNewsroom } from "@/lib/settings/commands";
import { createStory } from "@/lib/stories/commands";
import { ensureSection } from "@/lib/sections/commands";
import { draftOf } from "@/lib/testing/fixtures";
import type { Viewer } from "@/lib/auth/policy";

export const ADMIN = { email: "faults@dateline.test", password: "fault-test-password-1" };

export type Engine = { name: "pglite"; dataDir: string } | { name: "postgres"; url: string };

export function openEngine(engine: Engine): Promise<DbHandle> {
  return engine.name === "pglite" ? openDatabase({ engine: "pglite", dataDir: engine.dataDir }) : openDatabase({ engine: "postgres", url: engine.url, poolSize: 4 });
}

export function serverEnv(engine: Engine, extra: Record<string, string> = {}): Record<string, string> {
  return engine.name === "pglite" ? { DATELINE_DATA_DIR: engine.dataDir, ...extra } : { DATABASE_URL: engine.url, DATELINE_DATA_DIR: `${process.cwd()}/.data/faults-pg`, ...extra };
}

/** The newsroom, its admin, one section and `stories` drafts; the database is closed afterwards. */
export async function seedNewsroom(engine: Engine, stories: number): Promise<{ admin: Viewer; sectionId: string; storyIds: string[] }> {
  const handle = await openEngine(engine);
  setDbHandleForTests(handle);
  try {
    const setup = await setUpNewsroom({ newsroomName: "Faults", timeZone: "UTC", defaultLanguage: "en", name: "Fault Admin", email: ADMIN.email, password: ADMIN.password }, null);
    if (!setup.ok) throw new Error(setup.message);
    const admin: Viewer = { id: setup.admin.id, role: "admin" };
    const section = await handle.db.transaction((tx) => ensureSection(tx, "Wire", null));
    const storyIds: string[] = [];
    for (let i = 0; i < stories; i++) {
      const created = await createStory(admin, draftOf({ headline: `Fault story ${i}`, sectionId: section.id }));
      if (!created.ok) throw new Error(created.message);
      storyIds.push(created.storyId);
    }
    return { admin, sectionId: section.id, storyIds };
  } finally {
    setDbHandleForTests(undefined);
    await handle.close();
  }
}
