import { afterEach, describe, expect, it } from "vitest";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { setDbHandleForTests } from "@/lib/db";
import { openDatabase, queryRows, type DbHandle } from "@/lib/db/open";
import * as schema from "@/lib/db/schema";
import { draftOf, insertSection, insertSettings, insertUser } from "@/lib/testing/fixtures";
import { openTestDatabase, usingPostgres } from "@/lib/testing/test-db";
import { createStory, saveStory } from "@/lib/stories/commands";
import { transitionStory } from "@/lib/publishing/commands";
import { createBackup, restoreBackup, RestoreError } from "./backup";

const temps: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dateline-backup-test-"));
  temps.push(dir);
  return dir;
}
afterEach(() => {
  setDbHandleForTests(undefined);
  for (const dir of temps.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A small newsroom: a published story with two revisions, and one uploaded image on disk. */
async function fillNewsroom(handle: DbHandle, uploadsDir: string) {
  setDbHandleForTests(handle);
  await insertSettings(handle);
  const editor = await insertUser(handle, "editor");
  const section = await insertSection(handle, "World");
  const created = await createStory(editor, draftOf({ headline: "Backed up story", sectionId: section.id }));
  if (!created.ok) throw new Error("create failed");
  const saved = await saveStory(editor, { storyId: created.storyId, baseVersion: created.version, kind: "manual", draft: draftOf({ headline: "Backed up story, edited", sectionId: section.id }) });
  if (!saved.ok) throw new Error("save failed");
  await transitionStory(editor, { storyId: created.storyId, reviewed: { kind: "version", version: saved.version }, action: "publish" });
  const [media] = await handle.db
    .insert(schema.mediaAssets)
    .values({ storageKey: "k-1234", mimeType: "image/webp", width: 10, height: 10, bytes: 4, uploadedBy: editor.id })
    .returning();
  fs.mkdirSync(path.join(uploadsDir, "k-1234"), { recursive: true });
  fs.writeFileSync(path.join(uploadsDir, "k-1234", "640.webp"), Buffer.from("RIFF"));
  setDbHandleForTests(undefined);
  return { storyId: created.storyId, mediaId: media!.id };
}

async function expectNewsroom(handle: DbHandle, uploadsDir: string, ids: { storyId: string; mediaId: string }) {
  const [story] = await handle.db.select().from(schema.stories).where(eq(schema.stories.id, ids.storyId));
  expect(story?.headline).toBe("Backed up story, edited");
  expect(story?.status).toBe("published");
  const revisions = await handle.db.select().from(schema.storyRevisions).where(eq(schema.storyRevisions.storyId, ids.storyId));
  expect(revisions.map((r) => r.kind).sort()).toEqual(["manual", "manual", "publish"]);
  expect(revisions.find((r) => r.id === story!.liveRevisionId)?.html).toContain("The council voted");
  const [media] = await handle.db.select().from(schema.mediaAssets).where(eq(schema.mediaAssets.id, ids.mediaId));
  expect(media?.storageKey).toBe("k-1234");
  expect(fs.readFileSync(path.join(uploadsDir, "k-1234", "640.webp"), "utf8")).toBe("RIFF");
}

describe("backups", () => {
  // One case per engine, chosen by where this suite runs (in-memory PGlite, or CI's PostgreSQL leg).
  const restoresTheNewsroom = usingPostgres() ? restoresPostgres : restoresPglite;
  it(`restores a newsroom (${usingPostgres() ? "PostgreSQL" : "embedded"}) into an empty database with every story, revision and image`, restoresTheNewsroom, 120_000);

  async function restoresPglite() {
    const dataDir = tempDir();
    const uploadsDir = path.join(dataDir, "uploads");
    const source = await openDatabase({ engine: "pglite", dataDir });
    const ids = await fillNewsroom(source, uploadsDir);
    await source.close();

    const archive = path.join(tempDir(), "newsroom.tar");
    await createBackup({ engine: "pglite", dataDir, uploadsDir }, archive);

    const freshDir = tempDir();
    const manifest = await restoreBackup(archive, { engine: "pglite", dataDir: freshDir, uploadsDir: path.join(freshDir, "uploads") });
    expect(manifest).toMatchObject({ engine: "pglite", uploads: 1 });
    const restored = await openDatabase({ engine: "pglite", dataDir: freshDir });
    try {
      await expectNewsroom(restored, path.join(freshDir, "uploads"), ids);
    } finally {
      await restored.close();
    }
    await expect(restoreBackup(archive, { engine: "pglite", dataDir: freshDir, uploadsDir: path.join(freshDir, "uploads") })).rejects.toThrow(RestoreError);
  }

  async function restoresPostgres() {
    const source = await openTestDatabase();
    const uploadsDir = path.join(tempDir(), "uploads");
    try {
      const ids = await fillNewsroom(source, uploadsDir);
      const archive = path.join(tempDir(), "newsroom.tar");
      await createBackup({ engine: "postgres", url: source.url!, uploadsDir }, archive);

      const target = await openTestDatabase();
      await queryRows(target.db, sql`drop schema public cascade; create schema public; drop schema if exists drizzle cascade`);
      const restoredUploads = path.join(tempDir(), "uploads");
      try {
        await restoreBackup(archive, { engine: "postgres", url: target.url!, uploadsDir: restoredUploads });
        await expectNewsroom(target, restoredUploads, ids);
        await expect(restoreBackup(archive, { engine: "postgres", url: target.url!, uploadsDir: restoredUploads })).rejects.toThrow(/already holds a newsroom/);
      } finally {
        await target.close();
      }
    } finally {
      await source.close();
    }
  }

  it("refuses a file that is not a backup", async () => {
    const bogus = path.join(tempDir(), "bogus.tar");
    fs.writeFileSync(bogus, "not a tar");
    await expect(restoreBackup(bogus, { engine: "pglite", dataDir: tempDir(), uploadsDir: tempDir() })).rejects.toThrow(/not a readable Dateline backup/);
  });
});
