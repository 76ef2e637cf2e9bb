import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import sharp from "sharp";
import type { Viewer } from "@/lib/auth/viewer";
import * as schema from "@/lib/db/schema";
import { markMediaPublic, uploadImage } from "@/lib/media/commands";
import type { MediaAsset } from "@/lib/media/queries";
import { setUpMediaTestEnvironment } from "@/lib/media/test-environment";
import { makePng } from "@/lib/media/test-images";
import { transitionStory } from "@/lib/publishing/commands";
import { createStory } from "@/lib/stories/commands";
import { draftOf, insertSection, insertSettings, insertUser } from "@/lib/testing/fixtures";
import { GET } from "./route";
import { parseRange, serveMedia } from "./serve-media";

const env = setUpMediaTestEnvironment();

const anonymous = { getViewer: async () => null };
const staff = () => ({ getViewer: async (): Promise<Viewer> => env.reporter() });

function request(key: string, headers: Record<string, string> = {}): Request {
  return new Request(`http://newsroom.test/media/${encodeURIComponent(key)}`, { headers });
}

async function upload(width = 700, height = 350): Promise<MediaAsset> {
  const result = await uploadImage(env.reporter(), { bytes: await makePng({ width, height }), originalName: "chart.png" });
  if (!result.ok) throw new Error(result.message);
  return result.asset;
}

async function publicAsset(): Promise<MediaAsset> {
  const asset = await upload();
  await markMediaPublic(env.handle().db, { ids: [asset.id], urls: [] }, new Date());
  return asset;
}

describe("GET /media/[key]", () => {
  it("serves every rendition of a published image to anyone, with its real type, nosniff and a year-long immutable cache", async () => {
    const asset = await publicAsset();
    expect(asset.variants.map((v) => v.mimeType)).toEqual(["image/avif", "image/webp", "image/avif", "image/webp", "image/jpeg"]);
    for (const variant of asset.variants) {
      const response = await serveMedia(request(variant.key), variant.key, anonymous);
      expect(response.status).toBe(200);
      // The upload was a PNG; what is stored, and served, is what we encoded.
      expect(response.headers.get("content-type")).toBe(variant.mimeType);
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
      expect(response.headers.get("content-security-policy")).toContain("default-src 'none'");
      expect(response.headers.get("etag")).toMatch(/^"[^"]+"$/);
      const body = Buffer.from(await response.arrayBuffer());
      expect(body.length).toBe(variant.bytes);
      expect(Number(response.headers.get("content-length"))).toBe(variant.bytes);
      const meta = await sharp(body).metadata();
      expect(meta.format === "heif" ? "image/avif" : `image/${meta.format}`).toBe(variant.mimeType);
      expect(meta.width).toBe(variant.width);
    }
  });

  it("serves a draft's image only to signed-in staff, uncacheable, and as a plain 404 to anyone else", async () => {
    const asset = await upload();
    for (const variant of asset.variants) {
      const refused = await serveMedia(request(variant.key), variant.key, anonymous);
      expect(refused.status).toBe(404);
      expect(await refused.text()).toBe("Not found");
      expect(refused.headers.get("cache-control")).toBe("no-store");

      const shown = await serveMedia(request(variant.key), variant.key, staff());
      expect(shown.status).toBe(200);
      expect(shown.headers.get("cache-control")).toBe("private, no-store");
      expect(Buffer.from(await shown.arrayBuffer()).length).toBe(variant.bytes);
    }
    // Conditional and range requests are refused the same way: no way around the check.
    const key = asset.variants[0]!.key;
    expect((await serveMedia(request(key, { range: "bytes=0-9" }), key, anonymous)).status).toBe(404);
    expect((await serveMedia(request(key, { "if-none-match": "*" }), key, anonymous)).status).toBe(404);
  });

  it("makes an image public when a story using it goes live, and not before", async () => {
    const db = env.handle();
    await insertSettings(db);
    const editor = await insertUser(db, "editor", "Lina Editor");
    const section = await insertSection(db, "Images Desk");
    const featured = await upload(1000, 500);
    const inBody = await upload(900, 600);
    const unused = await upload(300, 200);
    const body = {
      type: "doc",
      content: [
        { type: "paragraph", content: [{ type: "text", text: "The council met." }] },
        { type: "figure", attrs: { src: inBody.url, alt: "The chamber", width: 900, height: 600, mediaId: null, caption: "", credit: "" } },
      ],
    };
    const created = await createStory(editor, draftOf({ headline: "Council meets", sectionId: section.id, body, featuredMediaId: featured.id }));
    if (!created.ok) throw new Error(created.message);
    const visibleToAnyone = async (asset: MediaAsset) => (await serveMedia(request(asset.variants[0]!.key), asset.variants[0]!.key, anonymous)).status === 200;
    expect([await visibleToAnyone(featured), await visibleToAnyone(inBody)]).toEqual([false, false]);

    expect(await transitionStory(editor, { storyId: created.storyId, reviewed: { kind: "version", version: created.version }, action: "publish" })).toMatchObject({ ok: true });
    expect([await visibleToAnyone(featured), await visibleToAnyone(inBody), await visibleToAnyone(unused)]).toEqual([true, true, false]);

    // The live page offers the body figure's stored renditions, AVIF first.
    const [story] = await db.db.select().from(schema.stories).where(eq(schema.stories.id, created.storyId));
    const [live] = await db.db.select().from(schema.storyRevisions).where(eq(schema.storyRevisions.id, story!.liveRevisionId!));
    const avif = inBody.avif.map((v) => `${v.url} ${v.width}w`).join(", ");
    const webp = inBody.responsive.map((v) => `${v.url} ${v.width}w`).join(", ");
    expect(live!.html).toContain(`<picture><source type="image/avif" srcset="${avif}" sizes="(min-width: 48rem) 46rem, 100vw"><source type="image/webp" srcset="${webp}"`);
    expect(avif).toContain(" 480w, ");
  });

  it("answers If-None-Match with 304 and single byte ranges with 206", async () => {
    const asset = await publicAsset();
    const variant = asset.variants.at(-1)!;
    const full = await serveMedia(request(variant.key), variant.key, anonymous);
    const etag = full.headers.get("etag")!;
    const whole = Buffer.from(await full.arrayBuffer());

    const notModified = await serveMedia(request(variant.key, { "if-none-match": etag }), variant.key, anonymous);
    expect(notModified.status).toBe(304);
    expect(notModified.headers.get("etag")).toBe(etag);
    expect((await notModified.arrayBuffer()).byteLength).toBe(0);
    expect((await serveMedia(request(variant.key, { "if-none-match": '"something-else"' }), variant.key, anonymous)).status).toBe(200);

    const first = await serveMedia(request(variant.key, { range: "bytes=0-99" }), variant.key, anonymous);
    expect(first.status).toBe(206);
    expect(first.headers.get("content-range")).toBe(`bytes 0-99/${whole.length}`);
    expect(Buffer.from(await first.arrayBuffer()).equals(whole.subarray(0, 100))).toBe(true);

    const tail = await serveMedia(request(variant.key, { range: "bytes=-10" }), variant.key, anonymous);
    expect(tail.status).toBe(206);
    expect(Buffer.from(await tail.arrayBuffer()).equals(whole.subarray(whole.length - 10))).toBe(true);

    const outside = await serveMedia(request(variant.key, { range: `bytes=${whole.length}-` }), variant.key, anonymous);
    expect(outside.status).toBe(416);
    expect(outside.headers.get("content-range")).toBe(`bytes */${whole.length}`);
  });

  it("reads Range headers the way RFC 9110 asks", () => {
    expect(parseRange("bytes=0-0", 10)).toEqual({ start: 0, end: 0 });
    expect(parseRange("bytes=5-", 10)).toEqual({ start: 5, end: 9 });
    expect(parseRange("bytes=5-100", 10)).toEqual({ start: 5, end: 9 });
    expect(parseRange("bytes=-3", 10)).toEqual({ start: 7, end: 9 });
    expect(parseRange("bytes=-30", 10)).toEqual({ start: 0, end: 9 });
    expect(parseRange("bytes=10-", 10)).toBe("unsatisfiable");
    expect(parseRange("bytes=-0", 10)).toBe("unsatisfiable");
    // Not one byte range: the whole file.
    for (const header of ["bytes=0-1,4-5", "items=0-1", "bytes=-", "bytes=5-2", "bytes=a-b"]) expect(parseRange(header, 10)).toBeNull();
  });

  it("answers 404 to a well-formed key that was never stored, even for staff", async () => {
    const response = await serveMedia(request("0f8fad5b-d9cb-469f-a165-70867728950e-w640.webp"), "0f8fad5b-d9cb-469f-a165-70867728950e-w640.webp", staff());
    expect(response.status).toBe(404);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("cache-control")).toBe("no-store");
  });

  it.each([
    "../../../etc/passwd",
    "..%2F..%2Fetc%2Fpasswd",
    "%2e%2e",
    "..",
    "",
    "0f8fad5b-d9cb-469f-a165-70867728950e",
    "0F8FAD5B-D9CB-469F-A165-70867728950E-w640.webp",
    "0f8fad5b-d9cb-469f-a165-70867728950e-w640.svg",
    "0f8fad5b-d9cb-469f-a165-70867728950e-w640.html",
    "0f8fad5b-d9cb-469f-a165-70867728950e-w640.webp.html",
    "0f8fad5b-d9cb-469f-a165-70867728950e-w0640.webp",
    "0f8fad5b-d9cb-469f-a165-70867728950e-w640.webp\u0000.png",
    "0f8fad5b-d9cb-469f-a165-70867728950e/../x-w640.webp",
    "photo.jpg",
  ])("answers 404 to the malformed key %j without touching storage", async (key) => {
    const response = await GET(request(key), { params: Promise.resolve({ key }) });
    expect(response.status).toBe(404);
    expect(await response.text()).toBe("Not found");
  });
});
