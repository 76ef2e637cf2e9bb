/**
 * Browser helper behind the editor's image button, drag-and-drop and paste. XMLHttpRequest rather
 * than fetch because only XHR reports upload progress, and a 20 MB photo over newsroom Wi-Fi takes
 * long enough that a reporter needs to see it moving.
 */
import { formatMegabytes, MAX_UPLOAD_BYTES, TOO_LARGE_MESSAGE } from "@/lib/media/limits";
import type { UploadedImage, UploadErrorBody } from "@/lib/media/upload-json";

export type { UploadedImage, UploadedImageVariant } from "@/lib/media/upload-json";

export type UploadProgress = { loaded: number; total: number; fraction: number };

export type UploadImageOptions = {
  onProgress?: (progress: UploadProgress) => void;
  signal?: AbortSignal;
  alt?: string;
  caption?: string;
  credit?: string;
  /** The name to record for a pasted Blob, which has none of its own. */
  fileName?: string;
};

export type UploadErrorKind =
  | "refused" // the server looked at the image and said no (type, size, damaged…)
  | "too_large"
  | "unauthorized" // signed out: send the reporter to sign in, keep their work
  | "forbidden"
  | "network"
  | "aborted"
  | "server";

export class ImageUploadError extends Error {
  constructor(
    readonly kind: UploadErrorKind,
    message: string,
    readonly status: number | null = null,
  ) {
    super(message);
    this.name = "ImageUploadError";
  }
}

export const UPLOAD_ENDPOINT = "/api/media";

/** Resolves with the stored image, or rejects with an ImageUploadError whose message can be shown as is. */
export function uploadImage(file: Blob, options: UploadImageOptions = {}): Promise<UploadedImage> {
  return new Promise<UploadedImage>((resolve, reject) => {
    // Refused here as the server would, without making the reporter wait for the bytes to go up.
    if (file.size > MAX_UPLOAD_BYTES) {
      reject(new ImageUploadError("too_large", `${TOO_LARGE_MESSAGE} This file is ${formatMegabytes(file.size)}.`, null));
      return;
    }
    if (options.signal?.aborted) {
      reject(new ImageUploadError("aborted", "The upload was cancelled."));
      return;
    }

    const form = new FormData();
    const name = typeof File !== "undefined" && file instanceof File ? file.name : (options.fileName ?? "pasted-image");
    form.append("file", file, name);
    if (options.alt !== undefined) form.append("alt", options.alt);
    if (options.caption !== undefined) form.append("caption", options.caption);
    if (options.credit !== undefined) form.append("credit", options.credit);

    const xhr = new XMLHttpRequest();
    xhr.open("POST", UPLOAD_ENDPOINT);
    xhr.responseType = "text";
    xhr.setRequestHeader("Accept", "application/json");

    const onAbort = () => xhr.abort();
    options.signal?.addEventListener("abort", onAbort, { once: true });
    const done = () => options.signal?.removeEventListener("abort", onAbort);

    xhr.upload.onprogress = (event) => {
      if (!options.onProgress) return;
      const total = event.lengthComputable ? event.total : file.size;
      options.onProgress({ loaded: event.loaded, total, fraction: total > 0 ? Math.min(event.loaded / total, 1) : 0 });
    };
    xhr.onerror = () => {
      done();
      reject(new ImageUploadError("network", "The upload did not reach the server. Check your connection and try again."));
    };
    xhr.onabort = () => {
      done();
      reject(new ImageUploadError("aborted", "The upload was cancelled."));
    };
    xhr.onload = () => {
      done();
      const body = parseJson(xhr.responseText);
      if (xhr.status >= 200 && xhr.status < 300 && isUploadedImage(body)) {
        resolve(body);
        return;
      }
      const message = isErrorBody(body) ? body.error : "Upload failed";
      reject(new ImageUploadError(kindForStatus(xhr.status), message, xhr.status));
    };
    xhr.send(form);
  });
}

function kindForStatus(status: number): UploadErrorKind {
  if (status === 401) return "unauthorized";
  if (status === 403) return "forbidden";
  if (status === 413) return "too_large";
  if (status >= 400 && status < 500) return "refused";
  return "server";
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function isErrorBody(value: unknown): value is UploadErrorBody {
  return typeof value === "object" && value !== null && typeof (value as UploadErrorBody).error === "string";
}

function isUploadedImage(value: unknown): value is UploadedImage {
  const v = value as UploadedImage | null;
  return typeof v === "object" && v !== null && typeof v.id === "string" && typeof v.url === "string" && Array.isArray(v.variants);
}
