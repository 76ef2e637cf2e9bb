/**
 * PLACEHOLDER owned by the media branch, which writes the real helper with this exact signature;
 * the merge keeps theirs. It exists here only so the editor's upload mount points compile and can
 * be exercised end-to-end against a stubbed POST /api/media.
 */

export type UploadImageResult =
  | { ok: true; id: string; url: string; width: number; height: number; alt: string }
  | { ok: false; message: string };

export async function uploadImage(file: File, opts?: { onProgress?: (fraction: number) => void }): Promise<UploadImageResult> {
  return new Promise((resolve) => {
    const form = new FormData();
    form.append("file", file);
    // XMLHttpRequest rather than fetch: fetch cannot report upload progress.
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/media");
    xhr.responseType = "json";
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) opts?.onProgress?.(event.loaded / event.total);
    };
    xhr.onerror = () => resolve({ ok: false, message: "The upload failed; check your connection and try again." });
    xhr.onload = () => {
      const body = (xhr.response ?? {}) as Record<string, unknown>;
      if (xhr.status >= 200 && xhr.status < 300 && typeof body.id === "string" && typeof body.url === "string") {
        opts?.onProgress?.(1);
        resolve({
          ok: true,
          id: body.id,
          url: body.url,
          width: typeof body.width === "number" ? body.width : 0,
          height: typeof body.height === "number" ? body.height : 0,
          alt: typeof body.alt === "string" ? body.alt : "",
        });
      } else {
        resolve({ ok: false, message: typeof body.message === "string" ? body.message : "The image could not be uploaded." });
      }
    };
    xhr.send(form);
  });
}
