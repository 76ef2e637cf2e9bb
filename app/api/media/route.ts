import { getViewer } from "@/lib/auth/viewer";
import { handleUploadRequest } from "./handle-upload";

// sharp is a native module: Node.js runtime only.
export const runtime = "nodejs";

// Keep /api/media out of proxy.ts's matcher: Next buffers the body of every proxied request and
// silently truncates it past 10 MB (experimental.proxyClientMaxBodySize), which would cut uploads.
export async function POST(request: Request): Promise<Response> {
  return handleUploadRequest(request, { getViewer });
}
