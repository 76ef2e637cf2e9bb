/**
 * Uploads through the whole pipeline into a real S3 server (s3rver) that the test stops and
 * starts: the upload fails with a clear message while it is down, leaves no row and, once the
 * server is back, no stray object either.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvForTests } from "@/lib/env";
import { startS3TestServer, type S3TestServer } from "@/lib/testing/s3-test-server";
import { STORAGE_UNAVAILABLE_MESSAGE, uploadImage } from "./commands";
import { getMediaStorage } from "./storage";
import { setUpMediaTestEnvironment } from "./test-environment";
import { makeJpeg } from "./test-images";

const env = setUpMediaTestEnvironment();
let s3: S3TestServer;
const saved: Record<string, string | undefined> = {};

beforeAll(async () => {
  s3 = await startS3TestServer();
  for (const [name, value] of Object.entries(s3.env("newsroom/"))) {
    saved[name] = process.env[name];
    process.env[name] = value;
  }
  resetEnvForTests();
});
afterAll(async () => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  resetEnvForTests();
  await s3?.dispose();
});

async function storedKeys(): Promise<string[]> {
  const keys: string[] = [];
  for await (const key of getMediaStorage().list()) keys.push(key);
  return keys.sort();
}

describe("uploading images to S3", () => {
  it("stores every rendition in the bucket and nothing on the local disk", async () => {
    const result = await uploadImage(env.reporter(), { bytes: await makeJpeg({ width: 1000, height: 600 }), originalName: "s3.jpg" });
    if (!result.ok) throw new Error(result.message);
    expect(await storedKeys()).toEqual(result.asset.variants.map((v) => v.key).sort());
    expect(await env.listFiles()).toEqual([]);
    const jpeg = result.asset.variants.find((v) => v.mimeType === "image/jpeg")!;
    expect((await getMediaStorage().get(jpeg.key))!.body.byteLength).toBe(jpeg.bytes);
  });

  it("refuses an upload while the S3 server is down with a clear message, writes no row, and works once it is back", async () => {
    const rowsBefore = await env.countAssets();
    const keysBefore = await storedKeys();
    await s3.stop();
    try {
      const result = await uploadImage(env.reporter(), { bytes: await makeJpeg(), originalName: "down.jpg" });
      expect(result).toEqual({ ok: false, reason: "unavailable", message: STORAGE_UNAVAILABLE_MESSAGE });
      expect(await env.countAssets()).toBe(rowsBefore);
    } finally {
      await s3.start();
    }
    expect(await storedKeys()).toEqual(keysBefore);
    const again = await uploadImage(env.reporter(), { bytes: await makeJpeg(), originalName: "back.jpg" });
    expect(again.ok).toBe(true);
    expect(await env.countAssets()).toBe(rowsBefore + 1);
  }, 60_000);

  it("leaves nothing half-written when the server dies in the middle of an upload", async () => {
    const rowsBefore = await env.countAssets();
    const keysBefore = await storedKeys();
    // The server goes down right after it has stored the first rendition of the upload.
    let stopping: Promise<void> | null = null;
    const unsubscribe = s3.onWrite(() => {
      stopping ??= s3.stop();
    });
    let result;
    try {
      result = await uploadImage(env.reporter(), { bytes: await makeJpeg({ width: 1200, height: 800 }), originalName: "cut.jpg" });
    } finally {
      unsubscribe();
      await stopping;
      await s3.start();
    }
    expect(result).toMatchObject({ ok: false, reason: "unavailable" });
    expect(await env.countAssets()).toBe(rowsBefore);
    // The rendition stored before the outage could not be deleted then; it has no row, and the
    // next successful upload removes it.
    expect((await storedKeys()).filter((key) => !keysBefore.includes(key))).toHaveLength(1);
    const next = await uploadImage(env.reporter(), { bytes: await makeJpeg(), originalName: "after.jpg" });
    if (!next.ok) throw new Error(next.message);
    expect(await storedKeys()).toEqual([...keysBefore, ...next.asset.variants.map((v) => v.key)].sort());
  }, 60_000);
});
