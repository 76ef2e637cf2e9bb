/**
 * The production server's response plumbing over a real socket, with Next's own compression
 * middleware wrapped around the response the way Next's router server does it, and a writer that
 * waits for 'drain' exactly as Next's pipeToNodeResponse does. The full production server is
 * exercised by faults/large-responses.test.ts; this pins the mechanism, fast.
 */
import { afterEach, describe, expect, it } from "vitest";
import http from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import zlib from "node:zlib";
import { handleWithFrontCache, PublicPageCache } from "./front-cache.mjs";
import { hashDocumentScripts, isDocumentRequest, setSecurityHeaders } from "./security-response.mjs";

const require = createRequire(import.meta.url);
const compression = require("next/dist/compiled/compression") as () => (req: http.IncomingMessage, res: http.ServerResponse, next: () => void) => void;

/** Writes `body` in 4 KB chunks, waiting for 'drain' when write() says so (Next's writer does). */
async function nextLikeWriter(res: http.ServerResponse, contentType: string, body: Buffer, extra: Record<string, string> = {}) {
  let drained: () => void = () => {};
  res.on("drain", () => drained());
  res.statusCode = 200;
  res.setHeader("content-type", contentType);
  for (const [k, v] of Object.entries(extra)) res.setHeader(k, v);
  res.flushHeaders();
  for (let i = 0; i < body.length; i += 4096) {
    if (!res.write(body.subarray(i, i + 4096))) await new Promise<void>((resolve) => (drained = resolve));
  }
  res.end();
}

let server: http.Server | undefined;
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

/** serve.mjs's handler, with `render` standing in for Next behind its compression middleware. */
async function startServer(render: (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>): Promise<string> {
  const compress = compression();
  const cache = new PublicPageCache();
  server = http.createServer((req, res) => {
    setSecurityHeaders(req, res);
    void handleWithFrontCache(cache, req, res, () => {
      if (isDocumentRequest(req)) hashDocumentScripts(req, res);
      compress(req, res, () => {});
      return render(req, res);
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
}

type Received = { status: number; headers: http.IncomingHttpHeaders; body: Buffer; ms: number };

/** A raw request that resolves when the response has really ended (or rejects after `timeoutMs`). */
function get(url: string, headers: Record<string, string> = {}, timeoutMs = 3000): Promise<Received> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const request = http.get(url, { headers, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (c: Buffer) => chunks.push(c));
      response.on("end", () => resolve({ status: response.statusCode!, headers: response.headers, body: Buffer.concat(chunks), ms: performance.now() - started }));
    });
    request.setTimeout(timeoutMs, () => request.destroy(new Error(`${url}: no end within ${timeoutMs} ms`)));
    request.on("error", reject);
  });
}

const SIZES = [16 * 1024, 64 * 1024, 1024 * 1024, 2 * 1024 * 1024];
const filler = (size: number) => Buffer.alloc(size, "a");
const decoded = (r: Received) => (r.headers["content-encoding"] === "gzip" ? zlib.gunzipSync(r.body) : r.body);

describe("responses of any size end, with the right length", () => {
  it.each(SIZES)("feeds, sitemaps, JSON and RSC payloads of %i bytes, with and without gzip", async (size) => {
    const body = filler(size);
    const origin = await startServer(async (req, res) => {
      const type = req.url!.startsWith("/feed.xml") ? "application/rss+xml" : req.url!.startsWith("/sitemaps/") ? "application/xml" : req.headers.rsc ? "text/x-component" : "application/json";
      await nextLikeWriter(res, type, body);
    });
    const cases: [string, Record<string, string>][] = [
      ["/feed.xml", {}],
      ["/feed.xml?section=world", {}],
      ["/sitemaps/stories-1.xml", {}],
      ["/api/stories/1", {}],
      ["/desk/stories/1?_rsc=x", { rsc: "1" }],
    ];
    for (const [path, headers] of cases) {
      for (const encoding of [{}, { "accept-encoding": "gzip" }] as Record<string, string>[]) {
        const response = await get(`${origin}${path}`, { ...headers, ...encoding });
        expect(response.status, path).toBe(200);
        expect(decoded(response).length, path).toBe(size);
        // Not captured: the strict default policy, and Next's own compression still works.
        expect(response.headers["content-security-policy"], path).toContain("script-src 'self';");
        if ("accept-encoding" in encoding) expect(response.headers["content-encoding"], path).toBe("gzip");
      }
    }
  });

  it.each(SIZES)("an HTML page of %i bytes is captured, hashed and sent whole with its Content-Length", async (size) => {
    const script = "(self.__next_f=self.__next_f||[]).push([0])";
    const html = Buffer.concat([Buffer.from(`<!DOCTYPE html><html><body><script>${script}</script><p>`), filler(size), Buffer.from("</p></body></html>")]);
    const origin = await startServer((_req, res) => nextLikeWriter(res, "text/html; charset=utf-8", html, { "cache-control": "private, no-store" }));
    for (const encoding of [{}, { "accept-encoding": "gzip" }] as Record<string, string>[]) {
      const response = await get(`${origin}/desk/stories/1`, encoding);
      expect(response.status).toBe(200);
      expect(Number(response.headers["content-length"])).toBe(response.body.length);
      expect(decoded(response).equals(html)).toBe(true);
      expect(response.headers["content-security-policy"]).toContain("'sha256-");
    }
  });
});
