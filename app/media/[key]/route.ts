import { isVariantKey } from "@/lib/media/keys";
import { getMediaStorage } from "@/lib/media/storage";

export const runtime = "nodejs";

type RouteContext = { params: Promise<{ key: string }> };

// Browsers must never guess another type for a stored file, and the file is never a document
// that could run anything, even when opened on its own.
const SAFETY_HEADERS = {
  "X-Content-Type-Options": "nosniff",
  "Content-Security-Policy": "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
} as const;

/**
 * GET /media/<key>: a stored rendition. Keys are random and a file never changes once written
 * (a new upload gets a new key), so it may be cached forever.
 */
export async function GET(_request: Request, context: RouteContext): Promise<Response> {
  const { key } = await context.params;
  // The strict key format is the path-traversal guard: nothing but our own key shape reaches storage.
  if (!isVariantKey(key)) return notFound();
  try {
    const stored = await getMediaStorage().get(key);
    if (!stored) return notFound();
    return new Response(stored.body, {
      status: 200,
      headers: {
        ...SAFETY_HEADERS,
        "Content-Type": stored.contentType,
        "Content-Length": String(stored.bytes),
        "Cache-Control": "public, max-age=31536000, immutable",
      },
    });
  } catch (error) {
    console.error(`Serving media ${key} failed:`, error);
    return new Response("Not available", { status: 500, headers: { ...SAFETY_HEADERS, "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
  }
}

function notFound(): Response {
  return new Response("Not found", {
    status: 404,
    headers: { ...SAFETY_HEADERS, "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
}
