// Lets Next render into a buffer instead of the socket. Used by the public page cache (to store
// a page) and by the security headers (to hash an HTML page's inline scripts into its CSP).

const toBuffer = (chunk, encoding) => (Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk, typeof encoding === "string" ? encoding : "utf8"));

/**
 * Wraps `res.writeHead/write/end/flushHeaders`. At the first output, `capture()` decides: false
 * puts the originals back and lets the response through untouched; true buffers it, keeps its
 * status and headers on `res`, and at `end()` restores the originals and calls `onFinish(body)`,
 * which must send the final answer through `res`.
 */
export function captureResponse(res, { capture = () => true, onFinish }) {
  const original = { writeHead: res.writeHead, write: res.write, end: res.end, flushHeaders: res.flushHeaders };
  const chunks = [];
  let mode = null;
  const decide = () => {
    if (mode) return mode;
    mode = capture() ? "capture" : "pass";
    if (mode === "pass") Object.assign(res, original);
    return mode;
  };
  res.writeHead = function writeHead(status, reason, headers) {
    const h = typeof reason === "object" && reason !== null ? reason : headers;
    if (Array.isArray(h)) for (let i = 0; i + 1 < h.length; i += 2) res.setHeader(h[i], h[i + 1]);
    else if (h) for (const [k, v] of Object.entries(h)) if (v !== undefined) res.setHeader(k, v);
    res.statusCode = status;
    if (decide() === "pass") return original.writeHead.call(res, status);
    return res;
  };
  res.flushHeaders = function flushHeaders() {
    if (decide() === "pass") return original.flushHeaders.call(res);
  };
  res.write = function write(chunk, encoding, callback) {
    if (decide() === "pass") return original.write.call(res, chunk, encoding, callback);
    if (chunk != null && chunk.length) chunks.push(toBuffer(chunk, encoding));
    const cb = typeof encoding === "function" ? encoding : callback;
    if (cb) process.nextTick(cb);
    return true;
  };
  res.end = function end(chunk, encoding, callback) {
    if (typeof chunk === "function") {
      callback = chunk;
      chunk = undefined;
    }
    if (decide() === "pass") return original.end.call(res, chunk, encoding, callback);
    if (chunk != null && chunk.length) chunks.push(toBuffer(chunk, encoding));
    Object.assign(res, original);
    onFinish(Buffer.concat(chunks));
    if (typeof encoding === "function") encoding();
    else if (callback) callback();
    return res;
  };
}
