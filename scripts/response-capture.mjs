// Lets Next render into a buffer instead of the socket. Used by the public page cache (to store
// a page) and by the security headers (to hash an HTML document's inline scripts into its CSP).
//
// Whether a response is captured is decided from the request, before Next runs: once installed,
// the capture keeps everything until Next's end(). It never hands the response back half-way.
// Next wraps `res` itself after we do (its compression middleware replaces write/end/on and holds
// back every 'drain' listener until the headers go out): putting Node's own methods back while
// Next was still writing threw those wrappers away, so Next's 'drain' listener never arrived, and
// any response that filled the socket's buffer (~16 KB) was never ended.

import zlib from "node:zlib";

const METHODS = ["writeHead", "write", "end", "flushHeaders"];

const toBuffer = (chunk, encoding) => (Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk, typeof encoding === "string" ? encoding : "utf8"));

/**
 * Buffers the whole response: status and headers stay on `res`, the body is kept, and when the
 * writer calls `end()` the methods in place before the capture come back and
 * `onFinish(body)` must send the final answer through `res`. Install it before Next sees `res`.
 */
export function captureResponse(res, onFinish) {
  // Own properties are earlier captures (nested); otherwise Node's methods on the prototype.
  const before = Object.fromEntries(METHODS.map((name) => [name, Object.hasOwn(res, name) ? res[name] : undefined]));
  const chunks = [];
  let finished = false;
  const restore = () => {
    for (const name of METHODS) {
      if (before[name]) res[name] = before[name];
      else delete res[name];
    }
  };
  res.writeHead = function writeHead(status, reason, headers) {
    const h = typeof reason === "object" && reason !== null ? reason : headers;
    if (Array.isArray(h)) for (let i = 0; i + 1 < h.length; i += 2) res.setHeader(h[i], h[i + 1]);
    else if (h) for (const [k, v] of Object.entries(h)) if (v !== undefined) res.setHeader(k, v);
    res.statusCode = status;
    return res;
  };
  // Headers go out with the finished body, never before.
  res.flushHeaders = function flushHeaders() {};
  res.write = function write(chunk, encoding, callback) {
    if (finished) return false;
    if (chunk != null && chunk.length) chunks.push(toBuffer(chunk, encoding));
    const cb = typeof encoding === "function" ? encoding : callback;
    if (cb) process.nextTick(cb);
    // Memory, not a socket: never ask the writer to wait for 'drain'.
    return true;
  };
  res.end = function end(chunk, encoding, callback) {
    if (typeof chunk === "function") {
      callback = chunk;
      chunk = undefined;
    }
    if (finished) return res;
    finished = true;
    if (chunk != null && chunk.length) chunks.push(toBuffer(chunk, encoding));
    // The writer is done with `res`: anything wrapped around the capture since (Next's
    // compression) has nothing left to do, and the answer goes out through what was there before.
    restore();
    onFinish(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks));
    if (typeof encoding === "function") encoding();
    else if (callback) callback();
    return res;
  };
}

/**
 * Sends a captured body in one piece with its exact Content-Length, gzipped when `gzip` is true,
 * the body is worth it and nothing encoded it yet. A HEAD answer keeps the length Next gave it.
 */
export function sendCapturedBody(req, res, body, { gzip }) {
  let out = body;
  if (gzip && req.method !== "HEAD" && out.length > 1024 && !res.getHeader("content-encoding")) {
    out = zlib.gzipSync(out, { level: 6 });
    res.setHeader("content-encoding", "gzip");
    const vary = String(res.getHeader("vary") ?? "");
    res.setHeader("vary", vary ? (/accept-encoding/i.test(vary) ? vary : `${vary}, Accept-Encoding`) : "Accept-Encoding");
  }
  res.removeHeader("transfer-encoding");
  if (req.method !== "HEAD" || !res.hasHeader("content-length")) res.setHeader("content-length", String(out.length));
  res.end(req.method === "HEAD" ? undefined : out);
}
