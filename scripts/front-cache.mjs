// The public page cache in front of Next (used by scripts/serve.mjs).
//
// Why: Next serves a cached (ISR) page at about a twentieth of the rate a bare Node server sends
// the same bytes, because every request still runs its router, proxy and response pipeline. News
// traffic is almost all cached pages, so this keeps a hot copy of each cached public page in
// memory and answers it directly; everything else goes to Next untouched.
//
// Correctness rules (the cache must never serve what Next would not):
//   - Only what Next itself marks as a cached page is stored: GET, no query string, not an RSC or
//     server-action request, status 200, x-nextjs-cache HIT/MISS (never STALE), text/html, no
//     Set-Cookie, no private/no-store. Desk, sign-in, API, media and per-request pages are never
//     candidates.
//   - Every public change purges the whole cache (lib/site/revalidate.ts calls the purge hook on
//     globalThis), and a response that started rendering before a purge is not stored after it.
//     Next's own cache stays the tag-exact one; this is a mirror of its hot pages.
//   - Entries also expire after a short TTL, which bounds any drift (for example another instance's
//     change that this one never heard of) to that TTL.
//   - Memory is bounded (LRU by bytes).
//
// Public pages that declare themselves static documents (data-dateline-static on <html>, set by
// the public root layout) are stored without Next's client runtime: they have no client component
// and every link is a plain <a>, so the framework's ~135 KB of JavaScript and the inline RSC
// payload would only be downloaded and never needed. The JSON-LD script is kept.

import { createHash } from "node:crypto";
import zlib from "node:zlib";
import { contentSecurityPolicy, SECURITY_HEADER_NAMES } from "../lib/security/headers.mjs";
import { captureResponse, sendCapturedBody } from "./response-capture.mjs";

const EXCLUDED_PREFIXES = ["/_next/", "/api/", "/desk", "/login", "/setup", "/invite", "/media/", "/search", "/authors/", "/tags/", "/sitemaps/"];
const EXCLUDED_EXACT = new Set(["/feed.xml", "/sitemap.xml", "/news-sitemap.xml", "/robots.txt", "/favicon.ico", "/icon.svg"]);
const RSC_HEADERS = ["rsc", "next-router-state-tree", "next-router-prefetch", "next-router-segment-prefetch", "next-action", "next-url"];
const STATIC_MARKER = /^<!DOCTYPE html><html[^>]*\sdata-dateline-static=""/i;
const FRAMEWORK_SCRIPT = /<script\b(?![^>]*\btype="application\/ld\+json")[^>]*>[\s\S]*?<\/script>/gi;
const SCRIPT_PRELOAD = /<link\b[^>]*\brel="(?:preload|modulepreload)"[^>]*\bas="script"[^>]*\/?>|<link\b[^>]*\bas="script"[^>]*\brel="(?:preload|modulepreload)"[^>]*\/?>/gi;
const KEPT_HEADERS = ["content-type", "vary", "content-language", "link"];
// Next marks a cached page s-maxage=<revalidate> (a day here): a CDN obeying that would keep a page
// long after a publish, and only this process hears of publishes. Browsers and shared caches may
// keep a copy but must ask again each time; the ETag makes asking cost a 304.
const PAGE_CACHE_CONTROL = "public, max-age=0, must-revalidate";

/** The HTML of a static document without the framework's scripts and their preloads. */
export function stripFrameworkScripts(html) {
  return html.replace(FRAMEWORK_SCRIPT, "").replace(SCRIPT_PRELOAD, "");
}

/** Could this request be answered from (or fill) the cache? Decided on the request alone. */
export function isCandidate(req) {
  if (req.method !== "GET" && req.method !== "HEAD") return false;
  const url = req.url ?? "";
  if (url.includes("?") || !url.startsWith("/")) return false;
  if (EXCLUDED_EXACT.has(url) || EXCLUDED_PREFIXES.some((p) => url.startsWith(p))) return false;
  for (const h of RSC_HEADERS) if (req.headers[h] !== undefined) return false;
  return true;
}

function headerValue(value) {
  return Array.isArray(value) ? value.join(", ") : value === undefined ? "" : String(value);
}

/** Whether Next's finished response is a cached public page we may keep. */
export function isCacheableResponse(status, headers) {
  if (status !== 200) return false;
  const cache = headerValue(headers["x-nextjs-cache"]).toUpperCase();
  if (cache !== "HIT" && cache !== "MISS") return false;
  if (!headerValue(headers["content-type"]).startsWith("text/html")) return false;
  if (headers["set-cookie"] !== undefined || headers["content-encoding"] !== undefined) return false;
  const control = headerValue(headers["cache-control"]).toLowerCase();
  return !/\b(private|no-store|no-cache)\b/.test(control);
}

export class PublicPageCache {
  constructor({ maxBytes = 64 * 1024 * 1024, ttlMs = 60_000, now = () => Date.now() } = {}) {
    this.maxBytes = maxBytes;
    this.ttlMs = ttlMs;
    this.now = now;
    this.entries = new Map();
    this.bytes = 0;
    this.generation = 0;
    this.hits = 0;
    this.misses = 0;
  }

  purge() {
    this.entries.clear();
    this.bytes = 0;
    this.generation++;
  }

  get(key) {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.#delete(key);
      return undefined;
    }
    // Refresh recency for the LRU order.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry;
  }

  /** Keeps an entry unless the cache was purged since `generation` (the render may be stale). */
  set(key, entry, generation) {
    if (generation !== this.generation) return false;
    const size = entry.body.length + entry.gzip.length;
    if (size > this.maxBytes / 8) return false;
    this.#delete(key);
    this.entries.set(key, entry);
    this.bytes += size;
    while (this.bytes > this.maxBytes) this.#delete(this.entries.keys().next().value);
    return true;
  }

  #delete(key) {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.bytes -= entry.body.length + entry.gzip.length;
  }

  /** A stored entry from Next's finished response (identity body, as Next sent it). */
  makeEntry(headers, body) {
    let html = body;
    const text = body.toString("utf8");
    if (STATIC_MARKER.test(text)) html = Buffer.from(stripFrameworkScripts(text), "utf8");
    const kept = {};
    for (const name of KEPT_HEADERS) if (headers[name] !== undefined) kept[name] = headerValue(headers[name]);
    kept["cache-control"] = PAGE_CACHE_CONTROL;
    // Hashed once per stored page, so a hit costs no hashing (scripts/security-response.mjs).
    kept["content-security-policy"] = contentSecurityPolicy(html.toString("utf8"), { frameable: true });
    return {
      headers: kept,
      body: html,
      gzip: zlib.gzipSync(html, { level: 6 }),
      etag: `"dl-${createHash("sha1").update(html).digest("base64url").slice(0, 20)}"`,
      expiresAt: this.now() + this.ttlMs,
    };
  }
}

function acceptsGzip(req) {
  return /\bgzip\b/i.test(headerValue(req.headers["accept-encoding"]));
}

/** Sends a stored page: 304 on a matching ETag, gzip when accepted, no body for HEAD. */
export function sendEntry(req, res, entry, cacheStatus) {
  const headers = { ...entry.headers, etag: entry.etag, "x-dateline-cache": cacheStatus };
  headers.vary = headers.vary ? (/accept-encoding/i.test(headers.vary) ? headers.vary : `${headers.vary}, Accept-Encoding`) : "Accept-Encoding";
  if (headerValue(req.headers["if-none-match"]) === entry.etag) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  const gzip = acceptsGzip(req);
  const body = gzip ? entry.gzip : entry.body;
  if (gzip) headers["content-encoding"] = "gzip";
  headers["content-length"] = String(body.length);
  res.writeHead(200, headers);
  res.end(req.method === "HEAD" ? undefined : body);
}

/**
 * The request handler: answers from the cache, or lets Next answer (`next()`), capturing a
 * candidate's response to fill the cache. `bypass` sends the request straight to Next.
 */
export function handleWithFrontCache(cache, req, res, next, { bypass = false } = {}) {
  if (bypass || !isCandidate(req)) return next();
  const key = req.url;
  const entry = cache.get(key);
  if (entry) {
    cache.hits++;
    return sendEntry(req, res, entry, "HIT");
  }
  cache.misses++;
  if (req.method === "HEAD") return next();
  const generation = cache.generation;
  const original = { acceptEncoding: req.headers["accept-encoding"], ifNoneMatch: req.headers["if-none-match"] };
  // Next compresses and answers conditionals by itself; ask for the plain page and do both here.
  delete req.headers["accept-encoding"];
  delete req.headers["if-none-match"];
  // Only candidate misses are captured: complete ISR pages, never long streams.
  captureResponse(res, (body) => {
    const status = res.statusCode;
    const headers = res.getHeaders();
    req.headers["accept-encoding"] = original.acceptEncoding;
    if (original.ifNoneMatch !== undefined) req.headers["if-none-match"] = original.ifNoneMatch;
    if (isCacheableResponse(status, headers)) {
      const fresh = cache.makeEntry(headers, body);
      cache.set(key, fresh, generation);
      // Answer exactly as a later hit will, not with Next's headers for the unstripped page.
      // (The security headers set for every response stay: scripts/security-response.mjs.)
      for (const name of res.getHeaderNames()) if (!SECURITY_HEADER_NAMES.has(name)) res.removeHeader(name);
      sendEntry(req, res, fresh, "MISS");
      return;
    }
    // Not a cached page (a redirect, a 404, a per-request page): send what Next produced, gzipped
    // for a client that asked (Next was asked for the plain page above).
    res.statusCode = status;
    sendCapturedBody(req, res, body, { gzip: acceptsGzip(req) && headerValue(headers["content-type"]).startsWith("text/html") });
  });
  return Promise.resolve(next()).catch(() => {
    // Next answers its own errors; this only guards against a request left hanging.
    if (!res.writableEnded) res.end();
  });
}
