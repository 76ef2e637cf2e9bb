import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startS3TestServer, S3_TEST_BUCKET, S3_TEST_CREDENTIALS, type S3TestServer } from "@/lib/testing/s3-test-server";
import { createAssetKey, variantKeyFor } from "./keys";
import { createS3Storage } from "./s3-storage";
import { createFileSystemStorage, InvalidStorageKeyError, StorageUnavailableError, type MediaStorage } from "./storage";

async function listAll(storage: MediaStorage): Promise<string[]> {
  const keys: string[] = [];
  for await (const key of storage.list()) keys.push(key);
  return keys.sort();
}

/** What every storage must do the same way: the rest of the app cannot tell them apart. */
function describeStorageContract(name: string, open: () => MediaStorage) {
  describe(`${name}: the storage contract`, () => {
    it("puts, stats, gets and deletes by key, with an ETag", async () => {
      const storage = open();
      const key = variantKeyFor(createAssetKey(), 640, "image/webp");
      const body = new Uint8Array([1, 2, 3, 4]);
      await storage.put(key, body, "image/webp");
      const info = await storage.stat(key);
      expect(info).toMatchObject({ key, bytes: 4, contentType: "image/webp" });
      expect(info!.etag).toMatch(/^"[^"]+"$/);
      const got = await storage.get(key);
      expect(got).toMatchObject({ key, bytes: 4, contentType: "image/webp", etag: info!.etag });
      expect([...got!.body]).toEqual([1, 2, 3, 4]);
      expect(await listAll(storage)).toContain(key);
      await storage.delete(key);
      expect(await storage.get(key)).toBeNull();
      expect(await storage.stat(key)).toBeNull();
      expect(await listAll(storage)).not.toContain(key);
      await storage.delete(key); // already gone: still fine
    });

    it("reads a byte range and reports the whole object's size", async () => {
      const storage = open();
      const key = variantKeyFor(createAssetKey(), 1200, "image/avif");
      const body = new Uint8Array(Array.from({ length: 1000 }, (_, i) => i % 251));
      await storage.put(key, body, "image/avif");
      const middle = await storage.get(key, { start: 100, end: 199 });
      expect(middle).toMatchObject({ bytes: 1000, contentType: "image/avif" });
      expect([...middle!.body]).toEqual([...body.subarray(100, 200)]);
      const last = await storage.get(key, { start: 990, end: 999 });
      expect([...last!.body]).toEqual([...body.subarray(990)]);
      // The same object, so the same ETag whether read whole or in part.
      expect(last!.etag).toBe((await storage.stat(key))!.etag);
    });

    it("gives two objects with different bytes different ETags", async () => {
      const storage = open();
      const a = variantKeyFor(createAssetKey(), 480, "image/jpeg");
      const b = variantKeyFor(createAssetKey(), 480, "image/jpeg");
      await storage.put(a, new Uint8Array([1, 2, 3]), "image/jpeg");
      await storage.put(b, new Uint8Array([1, 2, 3, 4, 5]), "image/jpeg");
      expect((await storage.stat(a))!.etag).not.toBe((await storage.stat(b))!.etag);
    });

    it("refuses keys outside the one key shape, so no path can be smuggled in", async () => {
      const storage = open();
      for (const key of ["../etc/passwd", "..", "a/b.webp", "x.webp", `${createAssetKey()}-w640.svg`, `${createAssetKey()}-w640.webp/..`]) {
        await expect(storage.put(key, new Uint8Array([1]), "image/webp")).rejects.toBeInstanceOf(InvalidStorageKeyError);
        expect(await storage.get(key)).toBeNull();
        expect(await storage.stat(key)).toBeNull();
        await expect(storage.delete(key)).rejects.toBeInstanceOf(InvalidStorageKeyError);
      }
    });

    it("refuses a content type that disagrees with the key's extension", async () => {
      const storage = open();
      const key = variantKeyFor(createAssetKey(), 320, "image/jpeg");
      await expect(storage.put(key, new Uint8Array([1]), "text/html")).rejects.toThrow();
      expect(await storage.stat(key)).toBeNull();
    });
  });
}

describe("file system media storage", () => {
  let root: string;
  beforeAll(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), "dateline-storage-test-"));
  });
  afterAll(async () => {
    await fs.rm(root, { recursive: true, force: true });
  });

  describeStorageContract("file system", () => createFileSystemStorage(root));

  it("shards files by the key's first two characters and leaves nothing else behind", async () => {
    const shardRoot = await fs.mkdtemp(path.join(os.tmpdir(), "dateline-storage-shard-"));
    try {
      const storage = createFileSystemStorage(shardRoot);
      const key = variantKeyFor(createAssetKey(), 640, "image/webp");
      await storage.put(key, new Uint8Array([1, 2]), "image/webp");
      const files = await fs.readdir(shardRoot, { recursive: true });
      expect(files.sort()).toEqual([key.slice(0, 2), path.join(key.slice(0, 2), key)].sort());
    } finally {
      await fs.rm(shardRoot, { recursive: true, force: true });
    }
  });

  it("gives every asset a fresh random key that owes nothing to the upload's name", () => {
    const keys = new Set(Array.from({ length: 200 }, () => createAssetKey()));
    expect(keys.size).toBe(200);
    for (const key of keys) expect(key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe("S3 media storage, against a local S3 server", () => {
  let s3: S3TestServer;
  const config = (overrides: Partial<Parameters<typeof createS3Storage>[0]> = {}) =>
    ({ kind: "s3", bucket: S3_TEST_BUCKET, endpoint: s3.endpoint, region: "us-east-1", ...S3_TEST_CREDENTIALS, prefix: "", ...overrides }) as const;
  beforeAll(async () => {
    s3 = await startS3TestServer();
  });
  afterAll(async () => {
    await s3?.dispose();
  });

  describeStorageContract("S3", () => createS3Storage(config()));

  it("keeps objects under the configured prefix and lists only those", async () => {
    const inNews = createS3Storage(config({ prefix: "news/" }));
    const inRoot = createS3Storage(config());
    const key = variantKeyFor(createAssetKey(), 480, "image/webp");
    await inNews.put(key, new Uint8Array([9]), "image/webp");
    expect(await listAll(inNews)).toEqual([key]);
    expect(await inRoot.stat(key)).toBeNull();
    // s3rver keeps each object as a file named after its key, so the prefix is visible on disk.
    const onDisk = await fs.readdir(path.join(s3.directory, S3_TEST_BUCKET, "news"));
    expect(onDisk.some((name) => name.startsWith(key))).toBe(true);
  });

  it("fails quickly with StorageUnavailableError while the server is down, and works again once it is back", async () => {
    const storage = createS3Storage(config());
    const before = variantKeyFor(createAssetKey(), 480, "image/webp");
    await storage.put(before, new Uint8Array([1, 2, 3]), "image/webp");
    await s3.stop();
    try {
      const key = variantKeyFor(createAssetKey(), 480, "image/webp");
      const started = Date.now();
      await expect(storage.put(key, new Uint8Array([1]), "image/webp")).rejects.toBeInstanceOf(StorageUnavailableError);
      await expect(storage.get(before)).rejects.toBeInstanceOf(StorageUnavailableError);
      expect(Date.now() - started).toBeLessThan(15_000);
    } finally {
      await s3.start();
    }
    expect([...(await storage.get(before))!.body]).toEqual([1, 2, 3]);
  }, 30_000);
});
