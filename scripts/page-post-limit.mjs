// A POST to a page is always a server action (a fetch from the app, or a form posted without
// JavaScript). Next reads such a body through proxy.ts, which waits for all of it and keeps up to
// 10 MB in memory before Next's own server-action limit is even consulted, so a 50 MB (or endless)
// body would be read to the end. Browsers always send Content-Length for these posts: a missing
// or oversized one is answered here, before a byte of the body is read.
// Route handlers under /api/ read their bodies themselves, each with its own limit.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/** Next's `serverActions.bodySizeLimit` from next.config.js, in bytes (Next's default is 1 MB). */
export function serverActionBodyLimit(config = require("../next.config.js")) {
  const limit = config?.experimental?.serverActions?.bodySizeLimit ?? "1mb";
  const bytes = require("next/dist/compiled/bytes").parse(limit);
  if (!Number.isSafeInteger(bytes) || bytes <= 0) throw new Error(`serverActions.bodySizeLimit ${limit} is not a size`);
  return bytes;
}

/** Answers (and returns true) when `req` is a page POST without a length or over `limit` bytes. */
export function refuseOversizedPagePost(req, res, limit) {
  if (req.method !== "POST") return false;
  const pathname = (req.url ?? "/").split("?")[0];
  if (pathname.startsWith("/api/")) return false;
  const declared = req.headers["content-length"];
  const length = declared === undefined ? NaN : Number(declared);
  const status = declared === undefined ? 411 : !Number.isSafeInteger(length) || length < 0 ? 400 : length > limit ? 413 : 0;
  if (status === 0) return false;
  const message = { 411: "Length Required", 400: "Bad Request", 413: "Payload Too Large" }[status];
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", connection: "close" });
  res.end(`${message}\n`);
  // The body is never read: close the connection rather than drain it.
  res.on("finish", () => req.socket.destroySoon?.());
  return true;
}
