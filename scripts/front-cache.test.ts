import { describe, expect, it } from "vitest";
import { EventEmitter } from "node:events";
import zlib from "node:zlib";
import { handleWithFrontCache, isCacheableResponse, isCandidate, pageCacheControl, PublicPageCache, stripFrameworkScripts, takeCacheTags } from "./front-cache.mjs";

type Req = { method: string; url: string; headers: Record<string, string | undefined> };

function request(url: string, headers: Record<string, string> = {}, method = "GET"): Req {
  return { method, url, headers: { ...headers } };
}

/** Just enough of http.ServerResponse for the cache and for a fake Next to write into. */
class FakeResponse extends EventEmitter {
  statusCode = 200;
  headers: Record<string, string | string[]> = {};
  sent: { status: number; headers: Record<string, string | string[]>; body: Buffer } | null = null;
  chunks: Buffer[] = [];
  writableEnded = false;
  setHeader(name: string, value: string | string[]) {
    this.headers[name.toLowerCase()] = value;
    return this;
  }
  getHeader(name: string) {
    return this.headers[name.toLowerCase()];
  }
  getHeaders() {
    return { ...this.headers };
  }
  getHeaderNames() {
    return Object.keys(this.headers);
  }
  hasHeader(name: string) {
    return name.toLowerCase() in this.headers;
  }
  removeHeader(name: string) {
    delete this.headers[name.toLowerCase()];
  }
  writeHead(status: number, headers?: Record<string, string>) {
    this.statusCode = status;
    for (const [k, v] of Object.entries(headers ?? {})) this.setHeader(k, v);
    return this;
  }
  write(chunk: string | Buffer) {
    this.chunks.push(Buffer.from(chunk));
    return true;
  }
  end(chunk?: string | Buffer) {
    if (chunk) this.chunks.push(Buffer.from(chunk));
    this.writableEnded = true;
    this.sent = { status: this.statusCode, headers: { ...this.headers }, body: Buffer.concat(this.chunks) };
    return this;
  }
  flushHeaders() {}
}

const PAGE = `<!DOCTYPE html><html lang="en" dir="ltr" data-dateline-static=""><head><link rel="preload" as="script" fetchPriority="low" href="/_next/static/chunks/a.js"/><script src="/_next/static/chunks/b.js" async=""></script></head><body><h1>Headline</h1><script type="application/ld+json">{"headline":"\\u003c/script\\u003e"}</script><script>self.__next_f.push([1,"x"])</script><script src="/_next/static/chunks/c.js" noModule=""></script></body></html>`;

/** A stand-in for Next's handler: writes headers, then the page in two chunks. */
function fakeNext(res: FakeResponse, options: { status?: number; cache?: string; body?: string; headers?: Record<string, string> } = {}) {
  return () => {
    res.statusCode = options.status ?? 200;
    res.setHeader("content-type", "text/html; charset=utf-8");
    res.setHeader("cache-control", "s-maxage=86400, stale-while-revalidate=31449600");
    res.setHeader("vary", "rsc, Accept-Encoding");
    if (options.cache !== "none") res.setHeader("x-nextjs-cache", options.cache ?? "HIT");
    for (const [k, v] of Object.entries(options.headers ?? {})) res.setHeader(k, v);
    const body = options.body ?? PAGE;
    res.write(body.slice(0, 50));
    res.end(body.slice(50));
  };
}

describe("which requests and responses the page cache may touch", () => {
  it("takes plain GETs of public pages only", () => {
    expect(isCandidate(request("/media-center/coalition-news/story"))).toBe(true);
    expect(isCandidate(request("/"))).toBe(true);
    expect(isCandidate(request("/media-center", {}, "HEAD"))).toBe(true);
    for (const url of ["/search?q=x", "/media-center?page=2", "/desk", "/desk/stories", "/login", "/api/test-hooks/x", "/_next/static/a.js", "/media/abc", "/feed.xml", "/tags/x", "/authors/x"]) {
      expect(isCandidate(request(url)), url).toBe(false);
    }
    expect(isCandidate(request("/x", {}, "POST"))).toBe(false);
    expect(isCandidate(request("/x", { rsc: "1" }))).toBe(false);
    expect(isCandidate(request("/x", { "next-action": "abc" }))).toBe(false);
    expect(isCandidate(request("/x", { "next-router-prefetch": "1" }))).toBe(false);
  });

  it("keeps only Next's own cached HTML pages", () => {
    const ok = { "x-nextjs-cache": "HIT", "content-type": "text/html; charset=utf-8", "cache-control": "s-maxage=86400" };
    expect(isCacheableResponse(200, ok)).toBe(true);
    expect(isCacheableResponse(200, { ...ok, "x-nextjs-cache": "MISS" })).toBe(true);
    expect(isCacheableResponse(200, { ...ok, "x-nextjs-cache": "STALE" })).toBe(false);
    expect(isCacheableResponse(404, ok)).toBe(false);
    expect(isCacheableResponse(200, { ...ok, "x-nextjs-cache": undefined })).toBe(false);
    expect(isCacheableResponse(200, { ...ok, "set-cookie": "a=b" })).toBe(false);
    expect(isCacheableResponse(200, { ...ok, "cache-control": "private, no-cache, no-store" })).toBe(false);
    expect(isCacheableResponse(200, { ...ok, "content-type": "application/json" })).toBe(false);
  });

  it("strips the framework's scripts from static documents and keeps JSON-LD", () => {
    const stripped = stripFrameworkScripts(PAGE);
    expect(stripped).not.toMatch(/<script(?![^>]*application\/ld\+json)/);
    expect(stripped).not.toContain('as="script"');
    expect(stripped).toContain('<script type="application/ld+json">{"headline":"\\u003c/script\\u003e"}</script>');
    expect(stripped).toContain("<h1>Headline</h1>");
  });
});

describe("serving from the page cache", () => {
  it("fills on a miss, then answers hits itself with gzip, 304 and HEAD", async () => {
    const cache = new PublicPageCache();
    const req = request("/story", { "accept-encoding": "gzip, br" });
    const res = new FakeResponse();
    await handleWithFrontCache(cache, req, res, fakeNext(res));
    expect(res.sent!.status).toBe(200);
    expect(res.sent!.headers["x-dateline-cache"]).toBe("MISS");
    expect(res.sent!.headers["x-nextjs-cache"]).toBeUndefined();
    // Not Next's day-long s-maxage: browsers ask every time, shared caches keep it as long as told.
    expect(res.sent!.headers["cache-control"]).toBe("public, max-age=0, s-maxage=60, stale-while-revalidate=60");
    // Next was asked for the plain page; the client's header is back on the request afterwards.
    expect(req.headers["accept-encoding"]).toBe("gzip, br");
    const html = zlib.gunzipSync(res.sent!.body).toString();
    expect(html).toBe(stripFrameworkScripts(PAGE));

    let nextCalled = false;
    const hit = new FakeResponse();
    await handleWithFrontCache(cache, request("/story"), hit, () => (nextCalled = true));
    expect(nextCalled).toBe(false);
    expect(hit.sent!.headers["x-dateline-cache"]).toBe("HIT");
    expect(hit.sent!.body.toString()).toBe(html);
    expect(hit.sent!.headers["content-length"]).toBe(String(Buffer.byteLength(html)));

    const conditional = new FakeResponse();
    await handleWithFrontCache(cache, request("/story", { "if-none-match": String(hit.sent!.headers.etag) }), conditional, () => {});
    expect(conditional.sent!.status).toBe(304);
    expect(conditional.sent!.body.length).toBe(0);

    const head = new FakeResponse();
    await handleWithFrontCache(cache, request("/story", {}, "HEAD"), head, () => {});
    expect(head.sent!.status).toBe(200);
    expect(head.sent!.body.length).toBe(0);
  });

  it("passes everything else through exactly as Next produced it", async () => {
    const cache = new PublicPageCache();
    for (const options of [{ status: 404, cache: "none" }, { cache: "STALE" }, { cache: "none" }, { headers: { "set-cookie": "s=1" } }]) {
      const res = new FakeResponse();
      await handleWithFrontCache(cache, request("/x"), res, fakeNext(res, options));
      expect(res.sent!.status).toBe(options.status ?? 200);
      expect(res.sent!.body.toString()).toBe(PAGE);
      expect(cache.entries.size).toBe(0);
    }
    const res = new FakeResponse();
    await handleWithFrontCache(cache, request("/x"), res, fakeNext(res), { bypass: true });
    expect(cache.entries.size).toBe(0);
  });

  it("sends a page it does not keep in one piece with its length, gzipped when the client asked", async () => {
    const cache = new PublicPageCache();
    const plain = new FakeResponse();
    await handleWithFrontCache(cache, request("/gone"), plain, fakeNext(plain, { status: 404, cache: "none" }));
    expect(plain.sent!.headers["content-length"]).toBe(String(Buffer.byteLength(PAGE)));
    expect(plain.sent!.headers["content-encoding"]).toBeUndefined();

    // Worth compressing only past 1 KB.
    const long = PAGE.replace("<h1>Headline</h1>", `<h1>Headline</h1>${"<p>Not found here.</p>".repeat(100)}`);
    const gzipped = new FakeResponse();
    await handleWithFrontCache(cache, request("/gone", { "accept-encoding": "gzip" }), gzipped, fakeNext(gzipped, { status: 404, cache: "none", body: long }));
    expect(gzipped.sent!.status).toBe(404);
    expect(gzipped.sent!.headers["content-encoding"]).toBe("gzip");
    expect(gzipped.sent!.headers["content-length"]).toBe(String(gzipped.sent!.body.length));
    expect(zlib.gunzipSync(gzipped.sent!.body).toString()).toBe(long);
  });

  it("drops everything on purge, and never stores a page rendered before the purge", async () => {
    const cache = new PublicPageCache();
    const res = new FakeResponse();
    await handleWithFrontCache(cache, request("/a"), res, fakeNext(res));
    expect(cache.entries.size).toBe(1);
    cache.purge();
    expect(cache.entries.size).toBe(0);

    const slow = new FakeResponse();
    const render = fakeNext(slow);
    await handleWithFrontCache(cache, request("/b"), slow, async () => {
      // A publish happens while this page is being rendered from the old data.
      cache.purge();
      render();
    });
    expect(slow.sent!.status).toBe(200);
    expect(cache.entries.size).toBe(0);
  });

  it("expires entries after the TTL and evicts the least recently used beyond its size", () => {
    let now = 0;
    const cache = new PublicPageCache({ ttlMs: 1000, maxBytes: 8 * 3000, now: () => now });
    const big = "x".repeat(2000);
    for (const key of ["/1", "/2", "/3", "/4", "/5"]) cache.set(key, cache.makeEntry({ "content-type": "text/html" }, Buffer.from(big + key)), cache.generation);
    expect(cache.bytes).toBeLessThanOrEqual(8 * 3000);
    expect(cache.get("/5")).toBeDefined();
    now = 1001;
    expect(cache.get("/5")).toBeUndefined();
  });
});

describe("cache tags and shared caches", () => {
  const TAGGED = PAGE.replace("<h1>", '<meta name="dateline-cache-tags" content="site:settings site:sections story:42 path:/news/story"/><h1>');

  it("sends the page's tags as Surrogate-Key and Cache-Tag and cuts the marker out of the page", async () => {
    const cache = new PublicPageCache({ cacheControl: pageCacheControl({ sharedMaxAge: 86400, staleWhileRevalidate: 60 }) });
    const res = new FakeResponse();
    await handleWithFrontCache(cache, request("/news/story"), res, fakeNext(res, { body: TAGGED }));
    expect(res.sent!.headers["surrogate-key"]).toBe("site:settings site:sections story:42 path:/news/story");
    expect(res.sent!.headers["cache-tag"]).toBe("site:settings,site:sections,story:42,path:/news/story");
    expect(res.sent!.headers["cache-control"]).toBe("public, max-age=0, s-maxage=86400, stale-while-revalidate=60");
    expect(res.sent!.body.toString()).not.toContain("dateline-cache-tags");
    const hit = new FakeResponse();
    await handleWithFrontCache(cache, request("/news/story"), hit, () => {});
    expect(hit.sent!.headers["surrogate-key"]).toBe(res.sent!.headers["surrogate-key"]);
  });

  it("reads tags out of a marker, and leaves a page without one as it is", () => {
    expect(takeCacheTags(TAGGED).tags).toEqual(["site:settings", "site:sections", "story:42", "path:/news/story"]);
    expect(takeCacheTags(PAGE)).toEqual({ html: PAGE, tags: [] });
  });
});
