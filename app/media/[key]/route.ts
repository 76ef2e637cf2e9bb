import { getViewer } from "@/lib/auth/viewer";
import { serveMedia } from "./serve-media";

export const runtime = "nodejs";

type RouteContext = { params: Promise<{ key: string }> };

/** GET /media/<key>: a stored rendition; see serve-media.ts for who may see it and for how long. */
export async function GET(request: Request, context: RouteContext): Promise<Response> {
  const { key } = await context.params;
  return serveMedia(request, key, { getViewer });
}
