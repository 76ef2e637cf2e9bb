import "server-only";
import type { Viewer } from "@/lib/auth/viewer";
import { assetKeyOfVariant } from "@/lib/media/keys";
import { readMediaVisibility } from "@/lib/media/queries";
import { getMediaStorage, type ByteRange } from "@/lib/media/storage";

export type ServeMediaDeps = { getViewer: () => Promise<Viewer | null> };

// Browsers must never guess another type for a stored file, and the file is never a document
// that could run anything, even when opened on its own.
const SAFETY_HEADERS = {
  "X-Content-Type-Options": "nosniff",
  "Content-Security-Policy": "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
} as const;

/**
 * A public rendition never changes once written (a new upload gets a new key), so browsers and
 * CDNs may keep it for a year. A draft's image is for signed-in staff only: no shared cache may
 * keep it, and the browser must ask again (it may become public, or the session may end).
 */
const PUBLIC_CACHE = "public, max-age=31536000, immutable";
const STAFF_CACHE = "private, no-store";

/**
 * GET /media/<key>, separated from route.ts so tests can hand it a viewer. Answers conditional
 * requests (If-None-Match: 304) and single byte ranges (206, or 416 when outside the file);
 * a draft's image is 404 to anyone not signed in, exactly like a key that does not exist.
 */
export async function serveMedia(request: Request, key: string, deps: ServeMediaDeps): Promise<Response> {
  // The strict key format is the path-traversal guard: nothing but our own key shape reaches storage.
  const assetKey = assetKeyOfVariant(key);
  if (!assetKey) return notFound();
  try {
    const visibility = await readMediaVisibility(assetKey);
    if (visibility !== "public" && !(await deps.getViewer())) return notFound();
    const cacheControl = visibility === "public" ? PUBLIC_CACHE : STAFF_CACHE;
    const storage = getMediaStorage();

    const rangeHeader = request.headers.get("range");
    const ifNoneMatch = request.headers.get("if-none-match");
    if (!rangeHeader && !ifNoneMatch) {
      // The common case costs one storage round trip.
      const stored = await storage.get(key);
      if (!stored) return notFound();
      return new Response(stored.body, { status: 200, headers: objectHeaders(stored, cacheControl, stored.bytes) });
    }

    const info = await storage.stat(key);
    if (!info) return notFound();
    if (ifNoneMatch && etagMatches(ifNoneMatch, info.etag)) {
      return new Response(null, { status: 304, headers: { ...SAFETY_HEADERS, ETag: info.etag, "Cache-Control": cacheControl } });
    }
    const range = rangeHeader ? parseRange(rangeHeader, info.bytes) : null;
    if (range === "unsatisfiable") {
      return new Response(null, {
        status: 416,
        headers: { ...SAFETY_HEADERS, "Content-Range": `bytes */${info.bytes}`, "Cache-Control": "no-store" },
      });
    }
    const stored = await storage.get(key, range ?? undefined);
    if (!stored) return notFound();
    if (!range) return new Response(stored.body, { status: 200, headers: objectHeaders(stored, cacheControl, stored.bytes) });
    return new Response(stored.body, {
      status: 206,
      headers: { ...objectHeaders(stored, cacheControl, stored.body.byteLength), "Content-Range": `bytes ${range.start}-${range.end}/${stored.bytes}` },
    });
  } catch (error) {
    console.error(`Serving media ${key} failed:`, error);
    return new Response("Not available", { status: 503, headers: { ...SAFETY_HEADERS, "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", "Retry-After": "5" } });
  }
}

function objectHeaders(stored: { contentType: string; etag: string }, cacheControl: string, length: number): Record<string, string> {
  return {
    ...SAFETY_HEADERS,
    "Content-Type": stored.contentType,
    "Content-Length": String(length),
    ETag: stored.etag,
    "Accept-Ranges": "bytes",
    "Cache-Control": cacheControl,
  };
}

function etagMatches(header: string, etag: string): boolean {
  if (header.trim() === "*") return true;
  const strip = (value: string) => value.trim().replace(/^W\//, "");
  return header.split(",").some((candidate) => strip(candidate) === strip(etag));
}

/**
 * One range of "bytes=a-b", "bytes=a-" or "bytes=-n". Several ranges, or a header that is not a
 * byte range at all, get the whole file (RFC 9110 lets a server ignore Range); a well-formed range
 * wholly outside the file is unsatisfiable.
 */
export function parseRange(header: string, size: number): ByteRange | "unsatisfiable" | null {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === "" && match[2] === "")) return null;
  if (match[1] === "") {
    const suffix = Number(match[2]);
    if (suffix === 0 || size === 0) return "unsatisfiable";
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(match[1]);
  const end = match[2] === "" ? size - 1 : Math.min(Number(match[2]), size - 1);
  if (!Number.isSafeInteger(start) || start >= size) return "unsatisfiable";
  if (end < start) return null;
  return { start, end };
}

function notFound(): Response {
  return new Response("Not found", {
    status: 404,
    headers: { ...SAFETY_HEADERS, "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
}
