import "server-only";
import type { Viewer } from "@/lib/auth/viewer";
import { readLimited } from "@/lib/http/read-limited";
import { isSameOrigin } from "@/lib/http/same-origin";
import { uploadImage } from "@/lib/media/commands";
import { MAX_UPLOAD_REQUEST_BYTES, TOO_LARGE_MESSAGE } from "@/lib/media/limits";
import { toUploadedImage, type UploadedImage, type UploadErrorBody } from "@/lib/media/upload-json";

export type UploadRequestDeps = {
  getViewer: () => Promise<Viewer | null>;
  upload?: typeof uploadImage;
};

/**
 * POST /api/media, separated from route.ts so tests can hand it a viewer (a route file may only
 * export HTTP methods). Refusals are answered early and cheaply, before the body is read.
 */
export async function handleUploadRequest(request: Request, deps: UploadRequestDeps): Promise<Response> {
  try {
    // The session cookie rides along on cross-site requests too; without this check any page a
    // reporter visits could post images into the newsroom as them.
    if (!isSameOrigin(request)) {
      return refuse(request, 403, "This upload did not come from the newsroom's own pages.");
    }

    const declaredLength = request.headers.get("content-length");
    if (declaredLength !== null) {
      const length = Number(declaredLength);
      if (!Number.isSafeInteger(length) || length < 0) return refuse(request, 400, "The upload could not be read.");
      if (length > MAX_UPLOAD_REQUEST_BYTES) return refuse(request, 413, TOO_LARGE_MESSAGE);
    }

    const contentType = request.headers.get("content-type") ?? "";
    if (!/^multipart\/form-data\s*;/i.test(contentType)) {
      return refuse(request, 415, 'Send the image as multipart/form-data in a field named "file".');
    }

    // An API call gets a status it can act on, not a redirect to the sign-in page.
    const viewer = await deps.getViewer();
    if (!viewer) return refuse(request, 401, "Your session has ended. Sign in again to upload images.");

    // Content-Length may be absent (chunked) or a lie, so the bytes are counted as they arrive and
    // the upload is cut off as soon as it passes the limit.
    const body = request.body ? await readLimited(request.body, MAX_UPLOAD_REQUEST_BYTES) : new Uint8Array(0);
    if (body === null) return json(413, { error: TOO_LARGE_MESSAGE });

    let form: FormData;
    try {
      form = await new Response(body, { headers: { "content-type": contentType } }).formData();
    } catch {
      return json(400, { error: "The upload could not be read." });
    }

    const file = form.get("file");
    if (!(file instanceof Blob) || file.size === 0) return json(400, { error: "Choose an image to upload." });
    const fields: Record<"alt" | "caption" | "credit", string | undefined> = { alt: undefined, caption: undefined, credit: undefined };
    for (const name of ["alt", "caption", "credit"] as const) {
      const value = form.get(name);
      if (value !== null && typeof value !== "string") return json(400, { error: `The ${name} field must be text.` });
      fields[name] = value ?? undefined;
    }

    const result = await (deps.upload ?? uploadImage)(viewer, {
      bytes: new Uint8Array(await file.arrayBuffer()),
      originalName: file instanceof File ? file.name : "",
      ...fields,
    });
    if (!result.ok) {
      const status = { forbidden: 403, too_large: 413, invalid: 422, unavailable: 503 }[result.reason];
      return json(status, { error: result.message });
    }
    return json(201, toUploadedImage(result.asset));
  } catch (error) {
    console.error("Image upload failed:", error);
    return json(500, { error: "Upload failed" });
  }
}

function json(status: number, body: UploadedImage | UploadErrorBody): Response {
  return Response.json(body, { status, headers: { "Cache-Control": "no-store" } });
}

/** Answers without reading the body; cancelling it tells the server to stop receiving it. */
function refuse(request: Request, status: number, message: string): Response {
  request.body?.cancel().catch(() => {});
  return json(status, { error: message });
}

/**
 * Browsers always send Origin on a POST, and a page on another site cannot forge it. The host is
 * compared the way Next compares it for server actions (X-Forwarded-Host, else Host), plus the
 * configured public URL for deployments behind a proxy that rewrites Host.
 */

