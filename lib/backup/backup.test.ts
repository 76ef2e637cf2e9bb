import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
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
import { createAssetKey, variantKeyFor } from "@/lib/media/keys";
import { createFileSystemStorage } from "@/lib/media/file-storage";
import { createS3Storage } from "@/lib/media/s3-storage";
import type { MediaStorage } from "@/lib/media/storage";
import { startS3TestServer, S3_TEST_BUCKET, S3_TEST_CREDENTIALS, type S3TestServer } from "@/lib/testing/s3-test-server";
import { createBackup, restoreBackup, RestoreError } from "./backup";

const ASSET_KEY = createAssetKey();
const RENDITION = variantKeyFor(ASSET_KEY, 480, "image/webp");

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

/** A small newsroom: a published story with two revisions, and one uploaded image in storage. */
async function fillNewsroom(handle: DbHandle, media: MediaStorage) {
  setDbHandleForTests(handle);
  await insertSettings(handle);
  const editor = await insertUser(handle, "editor");
  const section = await insertSection(handle, "World");
  const created = await createStory(editor, draftOf({ headline: "Backed up story", sectionId: section.id }));
  if (!created.ok) throw new Error("create failed");
  const saved = await saveStory(editor, { storyId: created.storyId, baseVersion: created.version, kind: "manual", draft: draftOf({ headline: "Backed up story, edited", sectionId: section.id }) });
  if (!saved.ok) throw new Error("save failed");
  await transitionStory(editor, { storyId: created.storyId, reviewed: { kind: "version", version: saved.version }, action: "publish" });
  const [asset] = await handle.db
    .insert(schema.mediaAssets)
    .values({ storageKey: ASSET_KEY, mimeType: "image/webp", width: 10, height: 10, bytes: 4, uploadedBy: editor.id })
    .returning();
  await media.put(RENDITION, Buffer.from("RIFF"), "image/webp");
  setDbHandleForTests(undefined);
  return { storyId: created.storyId, mediaId: asset!.id };
}

async function expectNewsroom(handle: DbHandle, media: MediaStorage, ids: { storyId: string; mediaId: string }) {
  const [story] = await handle.db.select().from(schema.stories).where(eq(schema.stories.id, ids.storyId));
  expect(story?.headline).toBe("Backed up story, edited");
  expect(story?.status).toBe("published");
  const revisions = await handle.db.select().from(schema.storyRevisions).where(eq(schema.storyRevisions.storyId, ids.storyId));
  expect(revisions.map((r) => r.kind).sort()).toEqual(["manual", "manual", "publish"]);
  expect(revisions.find((r) => r.id === story!.liveRevisionId)?.html).toContain("The council voted");
  const [row] = await handle.db.select().from(schema.mediaAssets).where(eq(schema.mediaAssets.id, ids.mediaId));
  expect(row?.storageKey).toBe(ASSET_KEY);
  const stored = await media.get(RENDITION);
  expect(Buffer.from(stored!.body).toString("utf8")).toBe("RIFF");
}

describe("backups", () => {
  // One case per engine, chosen by where this suite runs (in-memory PGlite, or CI's PostgreSQL leg).
  const restoresTheNewsroom = usingPostgres() ? restoresPostgres : restoresPglite;
  it(`restores a newsroom (${usingPostgres() ? "PostgreSQL" : "embedded"}) into an empty database with every story, revision and image`, restoresTheNewsroom, 120_000);

  async function restoresPglite() {
    const dataDir = tempDir();
    const media = createFileSystemStorage(path.join(dataDir, "uploads"));
    const source = await openDatabase({ engine: "pglite", dataDir });
    const ids = await fillNewsroom(source, media);
    await source.close();

    const archive = path.join(tempDir(), "newsroom.tar");
    await createBackup({ engine: "pglite", dataDir, media }, archive);

    const freshDir = tempDir();
    const freshMedia = createFileSystemStorage(path.join(freshDir, "uploads"));
    const manifest = await restoreBackup(archive, { engine: "pglite", dataDir: freshDir, media: freshMedia });
    expect(manifest).toMatchObject({ engine: "pglite", uploads: 1 });
    const restored = await openDatabase({ engine: "pglite", dataDir: freshDir });
    try {
      await expectNewsroom(restored, freshMedia, ids);
    } finally {
      await restored.close();
    }
    await expect(restoreBackup(archive, { engine: "pglite", dataDir: freshDir, media: freshMedia })).rejects.toThrow(RestoreError);
  }

  async function restoresPostgres() {
    const source = await openTestDatabase();
    const media = createFileSystemStorage(path.join(tempDir(), "uploads"));
    try {
      const ids = await fillNewsroom(source, media);
      const archive = path.join(tempDir(), "newsroom.tar");
      await createBackup({ engine: "postgres", url: source.url!, media }, archive);

      const target = await openTestDatabase();
      await queryRows(target.db, sql`drop schema public cascade; create schema public; drop schema if exists drizzle cascade`);
      const restoredMedia = createFileSystemStorage(path.join(tempDir(), "uploads"));
      try {
        await restoreBackup(archive, { engine: "postgres", url: target.url!, media: restoredMedia });
        await expectNewsroom(target, restoredMedia, ids);
        await expect(restoreBackup(archive, { engine: "postgres", url: target.url!, media: restoredMedia })).rejects.toThrow(/already holds a newsroom/);
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
    await expect(restoreBackup(bogus, { engine: "pglite", dataDir: tempDir(), media: createFileSystemStorage(tempDir()) })).rejects.toThrow(/not a readable Dateline backup/);
  });
});

describe("backups of images in S3", () => {
  let s3: S3TestServer;
  const bucket = (prefix: string) =>
    createS3Storage({ kind: "s3", bucket: S3_TEST_BUCKET, endpoint: s3.endpoint, region: "us-east-1", ...S3_TEST_CREDENTIALS, prefix });
  beforeAll(async () => {
    s3 = await startS3TestServer();
  });
  afterAll(async () => {
    await s3?.dispose();
  });

  it("backs up the bucket's renditions with the database and restores them into another bucket, or into a folder", async () => {
    const dataDir = tempDir();
    const source = await openDatabase({ engine: "pglite", dataDir });
    const ids = await fillNewsroom(source, bucket("source/"));
    await source.close();
    const archive = path.join(tempDir(), "newsroom.tar");
    await createBackup({ engine: "pglite", dataDir, media: bucket("source/") }, archive);
    // The archive keeps the uploads folder's layout, whatever the storage was.
    const listing = String(execFileSync("tar", ["-tf", archive]));
    expect(listing).toContain(`uploads/${RENDITION.slice(0, 2)}/${RENDITION}`);

    for (const media of [bucket("restored/"), createFileSystemStorage(path.join(tempDir(), "uploads"))]) {
      const freshDir = tempDir();
      expect(await restoreBackup(archive, { engine: "pglite", dataDir: freshDir, media })).toMatchObject({ uploads: 1 });
      const restored = await openDatabase({ engine: "pglite", dataDir: freshDir });
      try {
        await expectNewsroom(restored, media, ids);
      } finally {
        await restored.close();
      }
    }
  }, 120_000);
});
