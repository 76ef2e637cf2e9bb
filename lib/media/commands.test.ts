import path from "node:path";
import { describe, expect, it } from "vitest";
import sharp from "sharp";
import type { Role } from "@/lib/auth/policy";
import { uploadImage } from "./commands";
import { MAX_UPLOAD_BYTES } from "./limits";
import { getMediaAsset, listRecentMediaByUploader } from "./queries";
import { setUpMediaTestEnvironment } from "./test-environment";
import {
  craftHugePng,
  exifHasGps,
  HTML_PAGE,
  makeAvif,
  makeGif,
  makeGifHtmlPolyglot,
  makeJpeg,
  makeJpegWithGps,
  makePng,
  makeWebp,
  SVG_IMAGE,
} from "./test-images";

const env = setUpMediaTestEnvironment();

describe("uploadImage", () => {
  it("stores a GPS-tagged JPEG as clean renditions and one row describing them", async () => {
    const input = await makeJpegWithGps({ width: 2400, height: 1600 });
    expect(exifHasGps((await sharp(input).metadata()).exif)).toBe(true);

    const result = await uploadImage(env.reporter(), {
      bytes: input,
      originalName: "C:\\Users\\source\\DSC_0042 <script>.jpg",
      alt: "  Council members voting ",
      caption: "The vote on Tuesday.",
      credit: "Rima Reporter",
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const asset = result.asset;

    expect(asset).toMatchObject({
      mimeType: "image/jpeg",
      width: 1600,
      height: 2400,
      bytes: input.length,
      alt: "Council members voting",
      caption: "The vote on Tuesday.",
      credit: "Rima Reporter",
      uploadedBy: env.reporter().id,
      // Kept as text only, without the folder it came from.
      originalName: "DSC_0042 <script>.jpg",
    });
    expect(asset.storageKey).not.toContain("DSC");
    expect(asset.responsive.map((v) => v.width)).toEqual([480, 800, 1200, 1600]);
    expect(asset.avif.map((v) => v.width)).toEqual([480, 800, 1200, 1600]);
    // A draft's image until a story using it goes live.
    expect(asset.isPublic).toBe(false);
    expect(asset.url).toBe(`/media/${asset.storageKey}-w1600.webp`);
    expect(asset.fallbackUrl).toBe(`/media/${asset.storageKey}-w1600.jpg`);

    // Exactly the variants on disk, each clean of EXIF, GPS and XMP.
    const files = await env.listFiles();
    expect(files.map((f) => path.basename(f)).sort()).toEqual(asset.variants.map((v) => v.key).sort());
    for (const variant of asset.variants) {
      const bytes = await (await import("node:fs/promises")).readFile(path.join(env.uploadsDir(), variant.key.slice(0, 2), variant.key));
      expect(bytes.length).toBe(variant.bytes);
      const meta = await sharp(bytes).metadata();
      expect(meta.exif).toBeUndefined();
      expect(exifHasGps(meta.exif)).toBe(false);
      expect(meta.xmp).toBeUndefined();
      expect(bytes.includes("Exif", 0, "latin1")).toBe(false);
      expect({ width: meta.width, height: meta.height, type: meta.format === "heif" ? "image/avif" : `image/${meta.format}` }).toEqual({
        width: variant.width,
        height: variant.height,
        type: variant.mimeType,
      });
    }

    expect(await getMediaAsset(asset.id)).toEqual(asset);
  });

  it.each([
    ["PNG", makePng, "image/png"],
    ["WebP", makeWebp, "image/webp"],
    ["AVIF", makeAvif, "image/avif"],
    ["GIF", makeGif, "image/gif"],
  ] as const)("accepts %s", async (_name, make, mimeType) => {
    const result = await uploadImage(env.reporter(), { bytes: await make(), originalName: "picture" });
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.asset.mimeType).toBe(mimeType);
  });

  const refusals: Array<[string, () => Promise<Uint8Array> | Uint8Array, RegExp]> = [
    ["an SVG", () => SVG_IMAGE, /SVG images cannot be uploaded/],
    ["an HTML page named photo.jpg", () => HTML_PAGE, /Only JPEG, PNG, WebP, AVIF and GIF images can be uploaded\./],
    ["a GIF/HTML polyglot", makeGifHtmlPolyglot, /web page or script code/],
    ["a JPEG with HTML appended", async () => Buffer.concat([await makeJpeg(), Buffer.from("<p>hello</p>")]), /extra data after its end/],
    ["a 50,000 x 50,000 PNG", () => craftHugePng(), /at most 50 megapixels/],
  ];

  it.each(refusals)("refuses %s with a clear message, no row and no file", async (_name, make, message) => {
    const rowsBefore = await env.countAssets();
    const filesBefore = await env.listFiles();
    const result = await uploadImage(env.reporter(), { bytes: await make(), originalName: "photo.jpg" });
    expect(result).toMatchObject({ ok: false, reason: "invalid" });
    if (!result.ok) expect(result.message).toMatch(message);
    expect(await env.countAssets()).toBe(rowsBefore);
    expect(await env.listFiles()).toEqual(filesBefore);
  });

  it("refuses more than 20 MB as too large", async () => {
    const rowsBefore = await env.countAssets();
    const big = Buffer.alloc(MAX_UPLOAD_BYTES + 1024);
    big.set(await makeJpeg({ width: 10, height: 10 }));
    const result = await uploadImage(env.reporter(), { bytes: big, originalName: "big.jpg" });
    expect(result).toMatchObject({ ok: false, reason: "too_large" });
    if (!result.ok) expect(result.message).toMatch(/^Images can be at most 20 MB/);
    expect(await env.countAssets()).toBe(rowsBefore);
  });

  it("checks the permission itself: a role without media.upload is refused before anything is read", async () => {
    const rowsBefore = await env.countAssets();
    const result = await uploadImage({ id: env.reporter().id, role: "guest" as Role }, { bytes: await makeJpeg(), originalName: "x.jpg" });
    expect(result).toEqual({ ok: false, reason: "forbidden", message: "You do not have permission to upload images." });
    expect(await env.countAssets()).toBe(rowsBefore);
  });

  it("refuses over-long captions with a field error", async () => {
    const result = await uploadImage(env.reporter(), { bytes: await makeJpeg(), originalName: "x.jpg", caption: "c".repeat(2001) });
    expect(result).toMatchObject({ ok: false, reason: "invalid", fieldErrors: { caption: ["The caption can be at most 2000 characters."] } });
  });

  it("removes every stored file when the row cannot be written", async () => {
    const rowsBefore = await env.countAssets();
    const filesBefore = await env.listFiles();
    // No such user: the foreign key refuses the insert after the files were written.
    const ghost = { id: "00000000-0000-4000-8000-000000000000", role: "reporter" as Role };
    await expect(uploadImage(ghost, { bytes: await makeJpeg(), originalName: "x.jpg" })).rejects.toThrow();
    expect(await env.countAssets()).toBe(rowsBefore);
    expect(await env.listFiles()).toEqual(filesBefore);
  });
});

describe("media queries", () => {
  it("returns null for unknown and malformed ids", async () => {
    expect(await getMediaAsset("00000000-0000-4000-8000-000000000000")).toBeNull();
    expect(await getMediaAsset("1; drop table media_assets")).toBeNull();
  });

  it("lists an uploader's images newest first, with a limit", async () => {
    const first = await uploadImage(env.reporter(), { bytes: await makeJpeg({ width: 50, height: 50 }), originalName: "first.jpg" });
    const second = await uploadImage(env.reporter(), { bytes: await makeJpeg({ width: 60, height: 60 }), originalName: "second.jpg" });
    if (!first.ok || !second.ok) throw new Error("uploads failed");
    const recent = await listRecentMediaByUploader(env.reporter().id, { limit: 2 });
    expect(recent.map((a) => a.originalName)).toEqual(["second.jpg", "first.jpg"]);
    expect(await listRecentMediaByUploader("00000000-0000-4000-8000-000000000000")).toEqual([]);
    expect(await listRecentMediaByUploader("not-an-id")).toEqual([]);
  });
});
