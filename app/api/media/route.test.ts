import { describe, expect, it, vi } from "vitest";
import type { Viewer } from "@/lib/auth/viewer";
import { resetEnvForTests } from "@/lib/env";
import { MAX_UPLOAD_REQUEST_BYTES } from "@/lib/media/limits";
import { setUpMediaTestEnvironment } from "@/lib/media/test-environment";
import { HTML_PAGE, makeGifHtmlPolyglot, makeJpeg, makeJpegWithGps, SVG_IMAGE } from "@/lib/media/test-images";
import type { UploadedImage } from "@/lib/media/upload-json";
import { handleUploadRequest } from "./handle-upload";

const env = setUpMediaTestEnvironment();
const ORIGIN = "http://newsroom.test";
const URL_ = `${ORIGIN}/api/media`;

const signedIn = () => ({ getViewer: async (): Promise<Viewer | null> => env.reporter() });
const signedOut = { getViewer: async (): Promise<Viewer | null> => null };

function formWith(bytes: Uint8Array, name = "photo.jpg", fields: Record<string, string> = {}): FormData {
  const form = new FormData();
  form.append("file", new File([new Uint8Array(bytes)], name, { type: "image/jpeg" }));
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  return form;
}

function post(body: BodyInit | null, headers: Record<string, string> = {}, init: RequestInit = {}): Request {
  return new Request(URL_, { method: "POST", body, headers: { origin: ORIGIN, host: "newsroom.test", ...headers }, ...init });
}

/** A 50 MB body produced lazily, counting how much the handler actually pulls. */
function hugeStream(totalBytes: number, chunkBytes = 1024 * 1024) {
  let produced = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (produced >= totalBytes) return controller.close();
      produced += chunkBytes;
      controller.enqueue(new Uint8Array(chunkBytes));
    },
  });
  return { stream, produced: () => produced };
}

async function errorOf(response: Response): Promise<string> {
  const body = (await response.json()) as { error?: unknown };
  expect(Object.keys(body)).toEqual(["error"]);
  return String(body.error);
}

describe("POST /api/media", () => {
  it("answers 201 with the stored image for a signed-in reporter", async () => {
    const response = await handleUploadRequest(
      post(formWith(await makeJpegWithGps({ width: 1000, height: 700 }), "leak.jpg", { alt: "A street", caption: "Cap", credit: "Me" })),
      signedIn(),
    );
    expect(response.status).toBe(201);
    expect(response.headers.get("content-type")).toContain("application/json");
    expect(response.headers.get("cache-control")).toBe("no-store");
    const body = (await response.json()) as UploadedImage;
    expect(Object.keys(body).sort()).toEqual(["alt", "caption", "credit", "fallbackUrl", "height", "id", "url", "variants", "width"]);
    // Portrait after orientation: 700 x 1000.
    expect(body).toMatchObject({ width: 700, height: 1000, alt: "A street", caption: "Cap", credit: "Me" });
    expect(body.variants.map((v) => v.width)).toEqual([480, 700]);
    expect(body.url).toBe(body.variants.at(-1)?.url);
    expect(body.url).toMatch(/^\/media\/[0-9a-f-]{36}-w700\.webp$/);
    expect(body.fallbackUrl).toMatch(/^\/media\/[0-9a-f-]{36}-w700\.jpg$/);
    expect(JSON.stringify(body)).not.toContain("leak");
  });

  it("answers 401 JSON, not a redirect, when signed out", async () => {
    const before = await env.countAssets();
    const response = await handleUploadRequest(post(formWith(await makeJpeg())), signedOut);
    expect(response.status).toBe(401);
    expect(response.headers.get("location")).toBeNull();
    expect(await errorOf(response)).toMatch(/Sign in again/);
    expect(await env.countAssets()).toBe(before);
  });

  it.each([
    ["another site's Origin", { origin: "https://evil.example" }],
    ["a look-alike host", { origin: "http://newsroom.test.evil.example" }],
    ["no Origin at all", { origin: "" }],
    ["Origin null (sandboxed frame)", { origin: "null" }],
    ["a cross-site fetch with a forged-looking Origin", { "sec-fetch-site": "cross-site" }],
  ])("answers 403 to %s, even when signed in", async (_name, headers) => {
    const getViewer = vi.fn(async () => env.reporter());
    const response = await handleUploadRequest(post(formWith(await makeJpeg()), headers), { getViewer });
    expect(response.status).toBe(403);
    expect(await errorOf(response)).toBe("This upload did not come from the newsroom's own pages.");
    expect(getViewer).not.toHaveBeenCalled();
  });

  it("accepts the host a proxy forwarded", async () => {
    const request = post(formWith(await makeJpeg({ width: 40, height: 40 })), {
      origin: "https://news.example.org",
      host: "127.0.0.1:3000",
      "x-forwarded-host": "news.example.org",
    });
    expect((await handleUploadRequest(request, signedIn())).status).toBe(201);
  });

  it("answers 413 from Content-Length alone, without reading the body", async () => {
    const { stream, produced } = hugeStream(50 * 1024 * 1024);
    const getViewer = vi.fn(async () => env.reporter());
    const request = post(stream, { "content-type": "multipart/form-data; boundary=x", "content-length": String(50 * 1024 * 1024) }, { duplex: "half" } as RequestInit);
    expect(request.headers.get("content-length")).toBe(String(50 * 1024 * 1024));
    const response = await handleUploadRequest(request, { getViewer });
    expect(response.status).toBe(413);
    expect(await errorOf(response)).toBe("Images can be at most 20 MB.");
    expect(getViewer).not.toHaveBeenCalled();
    expect(produced()).toBeLessThanOrEqual(2 * 1024 * 1024);
  });

  it("answers 413 to a body without Content-Length once it passes the limit, not after 50 MB", async () => {
    const { stream, produced } = hugeStream(50 * 1024 * 1024);
    const request = post(stream, { "content-type": "multipart/form-data; boundary=x" }, { duplex: "half" } as RequestInit);
    expect(request.headers.get("content-length")).toBeNull();
    const before = await env.countAssets();
    const response = await handleUploadRequest(request, signedIn());
    expect(response.status).toBe(413);
    expect(await errorOf(response)).toBe("Images can be at most 20 MB.");
    expect(produced()).toBeGreaterThan(MAX_UPLOAD_REQUEST_BYTES);
    expect(produced()).toBeLessThan(MAX_UPLOAD_REQUEST_BYTES + 4 * 1024 * 1024);
    expect(await env.countAssets()).toBe(before);
  });

  it("answers 413 to a file over 20 MB inside a request under the limit", async () => {
    const bytes = Buffer.alloc(20 * 1024 * 1024 + 10);
    bytes.set(await makeJpeg({ width: 10, height: 10 }));
    const response = await handleUploadRequest(post(formWith(bytes)), signedIn());
    expect(response.status).toBe(413);
    expect(await errorOf(response)).toMatch(/^Images can be at most 20 MB/);
  });

  it.each([
    ["an SVG", () => SVG_IMAGE, "logo.svg", /SVG images cannot be uploaded/],
    ["an HTML page renamed .jpg", () => HTML_PAGE, "photo.jpg", /Only JPEG, PNG, WebP, AVIF and GIF images can be uploaded\./],
    ["a GIF/HTML polyglot", makeGifHtmlPolyglot, "anim.gif", /web page or script code/],
  ] as const)("answers 422 with the reason to %s, writing nothing", async (_name, make, fileName, message) => {
    const before = await env.countAssets();
    const filesBefore = await env.listFiles();
    const response = await handleUploadRequest(post(formWith(await make(), fileName)), signedIn());
    expect(response.status).toBe(422);
    expect(await errorOf(response)).toMatch(message);
    expect(await env.countAssets()).toBe(before);
    expect(await env.listFiles()).toEqual(filesBefore);
  });

  it("answers 400 without a file and 415 to a non-multipart body", async () => {
    const empty = new FormData();
    empty.append("alt", "nothing");
    expect((await handleUploadRequest(post(empty), signedIn())).status).toBe(400);
    const json = await handleUploadRequest(post(JSON.stringify({ file: "x" }), { "content-type": "application/json" }), signedIn());
    expect(json.status).toBe(415);
  });

  it("answers 503 with a message to try again when the image storage cannot be reached, and writes no row", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const names = ["DATELINE_S3_BUCKET", "DATELINE_S3_ENDPOINT", "DATELINE_S3_ACCESS_KEY_ID", "DATELINE_S3_SECRET_ACCESS_KEY"] as const;
    const saved = names.map((name) => process.env[name]);
    // A bucket on a loopback port where nothing listens: every request is refused at once.
    Object.assign(process.env, { DATELINE_S3_BUCKET: "news", DATELINE_S3_ENDPOINT: "http://127.0.0.1:9", DATELINE_S3_ACCESS_KEY_ID: "k", DATELINE_S3_SECRET_ACCESS_KEY: "s" });
    resetEnvForTests();
    try {
      const rowsBefore = await env.countAssets();
      const response = await handleUploadRequest(post(formWith(await makeJpeg())), signedIn());
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ error: "Image storage cannot be reached right now, so the image was not saved. Try again in a minute." });
      expect(await env.countAssets()).toBe(rowsBefore);
    } finally {
      names.forEach((name, i) => (saved[i] === undefined ? delete process.env[name] : (process.env[name] = saved[i])));
      resetEnvForTests();
      log.mockRestore();
    }
  });

  it("never shows the raw error: an unexpected failure is a logged 500 'Upload failed'", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const upload = vi.fn(async () => {
      throw new Error("connect ECONNREFUSED 10.0.0.5:5432 password=hunter2");
    });
    const response = await handleUploadRequest(post(formWith(await makeJpeg())), { ...signedIn(), upload });
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({ error: "Upload failed" });
    expect(text).not.toContain("ECONNREFUSED");
    expect(log).toHaveBeenCalled();
    log.mockRestore();
  });
});
