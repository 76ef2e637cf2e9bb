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
//     globalThis; with page-cache workers the purge reaches each of them), and a response that started rendering before a purge is not stored after it.
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
// The page names its cache tags in a marker the public never needs (components/site/cache-tags-marker.tsx);
// they travel as headers instead and the marker is cut out of the stored page.
const CACHE_TAGS_MARKER = /<meta name="dateline-cache-tags" content="([^"]*)"\/?>/;
/** Every header a stored page is answered with (besides its ETag); page-cache workers keep the same. */
export const ENTRY_HEADER_NAMES = [...KEPT_HEADERS, "cache-control", "content-security-policy", "surrogate-key", "cache-tag"];

/**
 * Browsers must ask again each time (the ETag makes asking cost a 304). A shared cache or CDN may
 * keep a page for `sharedMaxAge` seconds and serve it stale for a while longer while it fetches a
 * fresh one: with purge URLs set (DATELINE_PURGE_URLS) it hears of every change by tag, so that can
 * be long; without them, it bounds how long a page outlives a publish downstream.
 */
export function pageCacheControl({ sharedMaxAge, staleWhileRevalidate }) {
  return `public, max-age=0, s-maxage=${sharedMaxAge}, stale-while-revalidate=${staleWhileRevalidate}`;
}

/** Reads the page's tags out of its marker and removes it: `{ html, tags }`. */
export function takeCacheTags(html) {
  const match = CACHE_TAGS_MARKER.exec(html);
  if (!match) return { html, tags: [] };
  const tags = match[1].replace(/&amp;/g, "&").split(" ").filter(Boolean);
  return { html: html.slice(0, match.index) + html.slice(match.index + match[0].length), tags };
}

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
  constructor({ maxBytes = 64 * 1024 * 1024, ttlMs = 60_000, now = () => Date.now(), cacheControl = pageCacheControl({ sharedMaxAge: 60, staleWhileRevalidate: 60 }) } = {}) {
    this.maxBytes = maxBytes;
    this.cacheControl = cacheControl;
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
    const { html: untagged, tags } = takeCacheTags(body.toString("utf8"));
    const text = STATIC_MARKER.test(untagged) ? stripFrameworkScripts(untagged) : untagged;
    const html = Buffer.from(text, "utf8");
    const kept = {};
    for (const name of KEPT_HEADERS) if (headers[name] !== undefined) kept[name] = headerValue(headers[name]);
    kept["cache-control"] = this.cacheControl;
    // Hashed once per stored page, so a hit costs no hashing (scripts/security-response.mjs).
    kept["content-security-policy"] = contentSecurityPolicy(text, { frameable: true });
    if (tags.length > 0) {
      // Varnish (xkey) and Fastly read a space-separated list; Cloudflare and others a comma-separated one.
      kept["surrogate-key"] = tags.join(" ");
      kept["cache-tag"] = tags.join(",");
    }
    return {
      headers: kept,
      body: html,
      gzip: zlib.gzipSync(html, { level: 6 }),
      etag: `"dl-${createHash("sha1").update(html).digest("base64url").slice(0, 20)}"`,
      expiresAt: this.now() + this.ttlMs,
    };
  }

  /**
   * The same entry again, from the answer the app process gave a page-cache worker (identity body,
   * the entry's own headers and ETag): nothing is stripped or hashed twice.
   */
  entryFromAnswer(headers, body) {
    const kept = {};
    for (const name of ENTRY_HEADER_NAMES) if (headers[name] !== undefined) kept[name] = headerValue(headers[name]);
    return { headers: kept, body, gzip: zlib.gzipSync(body, { level: 6 }), etag: headerValue(headers.etag), expiresAt: this.now() + this.ttlMs };
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
