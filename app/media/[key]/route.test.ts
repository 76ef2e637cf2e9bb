import { describe, expect, it } from "vitest";
import sharp from "sharp";
import { uploadImage } from "@/lib/media/commands";
import { setUpMediaTestEnvironment } from "@/lib/media/test-environment";
import { makePng } from "@/lib/media/test-images";
import { GET } from "./route";

const env = setUpMediaTestEnvironment();

function get(key: string): Promise<Response> {
  return GET(new Request(`http://newsroom.test/media/${encodeURIComponent(key)}`), { params: Promise.resolve({ key }) });
}

describe("GET /media/[key]", () => {
  it("serves every stored rendition with its real type, nosniff and a year-long immutable cache", async () => {
    const result = await uploadImage(env.reporter(), { bytes: await makePng({ width: 700, height: 350 }), originalName: "chart.png" });
    if (!result.ok) throw new Error(result.message);
    expect(result.asset.variants.map((v) => v.mimeType)).toEqual(["image/webp", "image/webp", "image/webp", "image/jpeg"]);
    for (const variant of result.asset.variants) {
      const response = await get(variant.key);
      expect(response.status).toBe(200);
      // The upload was a PNG; what is stored, and served, is what we encoded.
      expect(response.headers.get("content-type")).toBe(variant.mimeType);
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
      expect(response.headers.get("content-security-policy")).toContain("default-src 'none'");
      const body = Buffer.from(await response.arrayBuffer());
      expect(body.length).toBe(variant.bytes);
      expect(Number(response.headers.get("content-length"))).toBe(variant.bytes);
      const meta = await sharp(body).metadata();
      expect(`image/${meta.format}`).toBe(variant.mimeType);
      expect(meta.width).toBe(variant.width);
    }
  });

  it("answers 404 to a well-formed key that was never stored", async () => {
    const response = await get("0f8fad5b-d9cb-469f-a165-70867728950e-w640.webp");
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
    const response = await get(key);
    expect(response.status).toBe(404);
    expect(await response.text()).toBe("Not found");
  });
});
