import { describe, expect, it } from "vitest";
import sharp from "sharp";
import { MAX_UPLOAD_BYTES } from "./limits";
import { ImageRefusedError, processImage } from "./process";
import {
  craftHugePng,
  exifHasGps,
  makeAnimatedGif,
  makeAvif,
  makeGif,
  makeJpeg,
  makeJpegWithGps,
  makePng,
  makeSamplePhoto,
  makeWebp,
} from "./test-images";

async function refusal(bytes: Uint8Array): Promise<ImageRefusedError> {
  const error = await processImage(bytes).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImageRefusedError);
  return error as ImageRefusedError;
}

describe("processImage", () => {
  it("strips EXIF (GPS, camera), XMP and orientation from every rendition and stands the photo upright", async () => {
    const input = await makeJpegWithGps({ width: 1200, height: 800 });
    const before = await sharp(input).metadata();
    // The fixture really carries what must be removed.
    expect(exifHasGps(before.exif)).toBe(true);
    expect(before.orientation).toBe(6);
    expect(before.xmp).toBeDefined();
    expect(input.includes("Exif", 0, "latin1")).toBe(true);

    const result = await processImage(input);
    // Orientation 6 is a quarter turn: the 1200 x 800 sensor image is an 800 x 1200 portrait.
    expect({ width: result.width, height: result.height }).toEqual({ width: 800, height: 1200 });
    expect(result.variants.length).toBeGreaterThan(1);
    for (const variant of result.variants) {
      const meta = await sharp(variant.data).metadata();
      expect(meta.exif).toBeUndefined();
      expect(meta.xmp).toBeUndefined();
      expect(meta.iptc).toBeUndefined();
      expect(meta.orientation).toBeUndefined();
      expect(meta.hasProfile).toBe(false);
      expect(variant.data.includes("Exif", 0, "latin1")).toBe(false);
      expect(variant.data.includes("DatelineTestCam", 0, "latin1")).toBe(false);
      expect(variant.data.includes("Secret Source", 0, "latin1")).toBe(false);
      expect(meta.height).toBeGreaterThan(meta.width);
      expect({ width: meta.width, height: meta.height }).toEqual({ width: variant.width, height: variant.height });
    }
  });

  it("makes AVIF and WebP renditions at the responsive widths and one JPEG at the largest, never wider than 1600", async () => {
    const result = await processImage(await makeJpeg({ width: 2400, height: 1600 }));
    const byFormat = (format: string) => result.variants.filter((v) => v.format === format).map((v) => [v.width, v.height]);
    expect(byFormat("avif")).toEqual([[480, 320], [800, 534], [1200, 800], [1600, 1067]]);
    expect(byFormat("webp")).toEqual(byFormat("avif"));
    expect(byFormat("jpeg")).toEqual([[1600, 1067]]);
    for (const v of result.variants) {
      const meta = await sharp(v.data).metadata();
      // libvips reports AVIF as its container, HEIF, with AV1 inside.
      expect(meta.format === "heif" ? (meta.compression === "av1" ? "avif" : "heic") : meta.format).toBe(v.format);
    }
  });

  it("keeps the rendition a 390 px phone at 3x picks for the sample test image under 60 KB", async () => {
    const result = await processImage(await makeSamplePhoto());
    // The article column is the full width of a phone: 390 CSS px x 3 = 1170 device pixels, so
    // the browser takes the narrowest rendition at least that wide.
    const forPhone = (format: string) => result.variants.filter((v) => v.format === format && v.width >= 1170).sort((a, b) => a.width - b.width)[0]!;
    expect(forPhone("avif").width).toBe(1200);
    expect(forPhone("avif").data.byteLength).toBeLessThanOrEqual(60 * 1024);
    // Browsers without AVIF get WebP, the largest rendition any browser is sent.
    expect(forPhone("webp").data.byteLength).toBeLessThan(forPhone("jpeg").data.byteLength);
    // Encoding a 6-megapixel photo in three formats takes seconds, minutes on a busy machine.
  }, 300_000);

  it("never upscales: a small image keeps its own width as the largest rendition", async () => {
    const result = await processImage(await makePng({ width: 500, height: 250 }));
    expect(result.variants.map((v) => `${v.format}:${v.width}x${v.height}`)).toEqual([
      "avif:480x240",
      "webp:480x240",
      "avif:500x250",
      "webp:500x250",
      "jpeg:500x250",
    ]);
    const tiny = await processImage(await makePng({ width: 100, height: 60 }));
    expect(tiny.variants.map((v) => v.width)).toEqual([100, 100, 100]);
  });

  it.each([
    ["PNG", makePng, "image/png"],
    ["WebP", makeWebp, "image/webp"],
    ["AVIF", makeAvif, "image/avif"],
    ["GIF", makeGif, "image/gif"],
  ] as const)("accepts %s and re-encodes it", async (_name, make, sourceType) => {
    const result = await processImage(await make());
    expect(result.sourceType).toBe(sourceType);
    expect(result.variants.at(-1)?.format).toBe("jpeg");
    expect(result.variants.slice(0, -1).map((v) => v.format)).toEqual(result.variants.slice(0, -1).map((_, i) => (i % 2 ? "webp" : "avif")));
  });

  it("keeps transparency in AVIF and WebP and puts the JPEG fallback on white", async () => {
    const result = await processImage(await makePng({ width: 200, height: 100 }, true));
    for (const v of result.variants.slice(0, -1)) expect((await sharp(v.data).metadata()).hasAlpha).toBe(true);
    const jpeg = result.variants.at(-1)!;
    const { data } = await sharp(jpeg.data).raw().toBuffer({ resolveWithObject: true });
    // 50% blue over white, not over black.
    expect(data[0]).toBeGreaterThan(100);
  });

  it("takes only the first frame of an animated GIF", async () => {
    const input = await makeAnimatedGif();
    expect((await sharp(input).metadata()).pages).toBe(3);
    const result = await processImage(input);
    expect(result).toMatchObject({ width: 120, height: 80 });
    for (const v of result.variants) {
      const meta = await sharp(v.data).metadata();
      expect(meta.pages ?? 1).toBe(1);
      expect(meta.height).toBe(80);
    }
    const { data } = await sharp(result.variants[0].data).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    expect(data[0]).toBeGreaterThan(200); // red: the first frame
    expect(data[1]).toBeLessThan(60);
  });

  it("refuses a 50,000 x 50,000 PNG from its header, quickly and without allocating the pixels", async () => {
    const bomb = craftHugePng(50_000, 50_000);
    expect(bomb.length).toBeLessThan(2_000);
    const rssBefore = process.memoryUsage().rss;
    const started = performance.now();
    const error = await refusal(bomb);
    const elapsed = performance.now() - started;
    expect(error.code).toBe("too_many_pixels");
    expect(error.message).toContain("50,000 × 50,000");
    expect(error.message).toContain("50 megapixels");
    expect(elapsed).toBeLessThan(1_000);
    // Decoding would need 2.5 GB; a header read needs next to nothing.
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(100 * 1024 * 1024);
  });

  it("refuses an image just over 50 megapixels and accepts one just under", async () => {
    expect((await refusal(craftHugePng(10_000, 5_001))).code).toBe("too_many_pixels");
    const accepted = await processImage(await makeJpeg({ width: 7000, height: 7000 }));
    expect(accepted.width).toBe(7000);
  });

  it("refuses files over 20 MB before looking inside", async () => {
    const big = Buffer.alloc(MAX_UPLOAD_BYTES + 1);
    big.set([0xff, 0xd8, 0xff, 0xe0]);
    const error = await refusal(big);
    expect(error.code).toBe("too_large");
    expect(error.message).toMatch(/^Images can be at most 20 MB\. This file is 20\.0 MB\.$/);
  });

  it("refuses a truncated image as damaged", async () => {
    const jpeg = await makeJpeg({ width: 400, height: 300 });
    const error = await refusal(jpeg.subarray(0, Math.floor(jpeg.length / 2)));
    expect(error.code).toBe("damaged");
    expect(error.message).toBe("This image file is damaged or incomplete and cannot be uploaded.");
  });

  it("refuses non-images with the list of accepted formats", async () => {
    const error = await refusal(Buffer.from("just some text"));
    expect(error.code).toBe("unsupported");
    expect(error.message).toBe("Only JPEG, PNG, WebP, AVIF and GIF images can be uploaded.");
  });
});
