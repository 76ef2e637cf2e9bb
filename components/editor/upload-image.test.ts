import { afterEach, describe, expect, it } from "vitest";
import { ImageUploadError, uploadImage, UPLOAD_ENDPOINT } from "./upload-image";

type Listener = ((event: { loaded: number; total: number; lengthComputable: boolean }) => void) | null;

/** Just enough XMLHttpRequest to drive the helper the way a browser would. */
class FakeXhr {
  static last: FakeXhr | null = null;
  method = "";
  url = "";
  sent: FormData | null = null;
  headers: Record<string, string> = {};
  status = 0;
  responseText = "";
  responseType = "";
  upload: { onprogress: Listener } = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  constructor() {
    FakeXhr.last = this;
  }
  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  send(body: FormData) {
    this.sent = body;
  }
  abort() {
    this.onabort?.();
  }
  respond(status: number, body: unknown) {
    this.status = status;
    this.responseText = typeof body === "string" ? body : JSON.stringify(body);
    this.onload?.();
  }
}

const original = globalThis.XMLHttpRequest;
function installXhr() {
  FakeXhr.last = null;
  (globalThis as { XMLHttpRequest: unknown }).XMLHttpRequest = FakeXhr;
}
afterEach(() => {
  (globalThis as { XMLHttpRequest: unknown }).XMLHttpRequest = original;
});

const IMAGE = {
  id: "a",
  url: "/media/k-w640.webp",
  fallbackUrl: "/media/k-w640.jpg",
  width: 640,
  height: 480,
  variants: [{ width: 640, height: 480, url: "/media/k-w640.webp" }],
  alt: "",
  caption: "",
  credit: "",
};

describe("uploadImage (browser helper)", () => {
  it("posts the file and fields as multipart, reports progress and resolves with the JSON", async () => {
    installXhr();
    const progress: number[] = [];
    const file = new File([new Uint8Array(1000)], "street.jpg", { type: "image/jpeg" });
    const pending = uploadImage(file, { alt: "A street", onProgress: (p) => progress.push(p.fraction) });
    const xhr = FakeXhr.last!;
    expect([xhr.method, xhr.url]).toEqual(["POST", UPLOAD_ENDPOINT]);
    expect((xhr.sent!.get("file") as File).name).toBe("street.jpg");
    expect(xhr.sent!.get("alt")).toBe("A street");
    xhr.upload.onprogress!({ loaded: 250, total: 1000, lengthComputable: true });
    xhr.upload.onprogress!({ loaded: 1000, total: 1000, lengthComputable: true });
    xhr.respond(201, IMAGE);
    await expect(pending).resolves.toEqual(IMAGE);
    expect(progress).toEqual([0.25, 1]);
  });

  it("names a pasted Blob, which has no name of its own", async () => {
    installXhr();
    const pending = uploadImage(new Blob([new Uint8Array(10)], { type: "image/png" }), { fileName: "clipboard.png" });
    expect((FakeXhr.last!.sent!.get("file") as File).name).toBe("clipboard.png");
    FakeXhr.last!.respond(201, IMAGE);
    await pending;
  });

  it.each([
    [401, "unauthorized"],
    [403, "forbidden"],
    [413, "too_large"],
    [422, "refused"],
    [500, "server"],
  ] as const)("turns a %i into a typed error carrying the server's message", async (status, kind) => {
    installXhr();
    const pending = uploadImage(new File([new Uint8Array(10)], "x.jpg"));
    FakeXhr.last!.respond(status, { error: `message for ${status}` });
    const error = await pending.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImageUploadError);
    expect(error).toMatchObject({ kind, status, message: `message for ${status}` });
  });

  it("says 'Upload failed' when the answer is not JSON (a proxy's HTML error page)", async () => {
    installXhr();
    const pending = uploadImage(new File([new Uint8Array(10)], "x.jpg"));
    FakeXhr.last!.respond(502, "<html>Bad gateway</html>");
    await expect(pending).rejects.toMatchObject({ kind: "server", message: "Upload failed" });
  });

  it("refuses a file over 20 MB without sending it", async () => {
    installXhr();
    const big = new File([new Uint8Array(20 * 1024 * 1024 + 1)], "huge.jpg");
    await expect(uploadImage(big)).rejects.toMatchObject({ kind: "too_large" });
    expect(FakeXhr.last).toBeNull();
  });

  it("rejects as aborted when the signal fires, and on a network error", async () => {
    installXhr();
    const controller = new AbortController();
    const pending = uploadImage(new File([new Uint8Array(10)], "x.jpg"), { signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ kind: "aborted" });
    const failing = uploadImage(new File([new Uint8Array(10)], "x.jpg"));
    FakeXhr.last!.onerror!();
    await expect(failing).rejects.toMatchObject({ kind: "network" });
  });
});
