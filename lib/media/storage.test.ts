import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAssetKey, variantKeyFor } from "./keys";
import { createFileSystemStorage, InvalidStorageKeyError, type MediaStorage } from "./storage";

describe("file system media storage", () => {
  let root: string;
  let storage: MediaStorage;
  beforeAll(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), "dateline-storage-test-"));
    storage = createFileSystemStorage(root);
  });
  afterAll(async () => {
    await fs.rm(root, { recursive: true, force: true });
  });

  it("puts, stats, gets and deletes by key", async () => {
    const key = variantKeyFor(createAssetKey(), 640, "image/webp");
    const body = new Uint8Array([1, 2, 3, 4]);
    await storage.put(key, body, "image/webp");
    expect(await storage.stat(key)).toEqual({ key, bytes: 4, contentType: "image/webp" });
    const got = await storage.get(key);
    expect(got?.contentType).toBe("image/webp");
    expect([...got!.body]).toEqual([1, 2, 3, 4]);
    // Sharded by the key's first two characters, and nothing else left behind.
    const files = await fs.readdir(root, { recursive: true });
    expect(files.sort()).toEqual([key.slice(0, 2), path.join(key.slice(0, 2), key)].sort());
    await storage.delete(key);
    expect(await storage.get(key)).toBeNull();
    expect(await storage.stat(key)).toBeNull();
    await storage.delete(key); // already gone: still fine
  });

  it("gives every asset a fresh random key that owes nothing to the upload's name", () => {
    const keys = new Set(Array.from({ length: 200 }, () => createAssetKey()));
    expect(keys.size).toBe(200);
    for (const key of keys) expect(key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it("refuses keys outside the one key shape, so no path can be smuggled in", async () => {
    for (const key of ["../etc/passwd", "..", "a/b.webp", "x.webp", `${createAssetKey()}-w640.svg`, `${createAssetKey()}-w640.webp/..`]) {
      await expect(storage.put(key, new Uint8Array([1]), "image/webp")).rejects.toBeInstanceOf(InvalidStorageKeyError);
      expect(await storage.get(key)).toBeNull();
      expect(await storage.stat(key)).toBeNull();
      await expect(storage.delete(key)).rejects.toBeInstanceOf(InvalidStorageKeyError);
    }
  });

  it("refuses a content type that disagrees with the key's extension", async () => {
    const key = variantKeyFor(createAssetKey(), 320, "image/jpeg");
    await expect(storage.put(key, new Uint8Array([1]), "text/html")).rejects.toThrow();
    expect(await storage.stat(key)).toBeNull();
  });
});
