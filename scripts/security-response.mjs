// Security headers on every response of the production server (scripts/serve.mjs).
// HTML gets a Content-Security-Policy whose script-src lists the sha256 of each inline script of
// that exact document, so no page needs 'unsafe-inline' scripts and none needs a per-request
// nonce (which would make cached pages uncacheable). Non-HTML responses pass straight through.
import zlib from "node:zlib";
import { baseSecurityHeaders, contentSecurityPolicy, isNewsroomPath } from "../lib/security/headers.mjs";

const PASS_THROUGH_PREFIXES = ["/_next/", "/media/"];

function isHttps(req) {
  const proto = String(req.headers["x-forwarded-proto"] ?? "").split(",")[0].trim();
  return proto === "https" || Boolean(req.socket && req.socket.encrypted);
}

/**
 * Before a request goes to Next: ask for identity HTML, which is hashed here and gzipped after.
 * Next's static files and media keep Next's own compression.
 */
export function prepareForHashing(req) {
  const path = (req.url ?? "/").split("?")[0];
  if (!PASS_THROUGH_PREFIXES.some((p) => path.startsWith(p))) delete req.headers["accept-encoding"];
  return req;
}

/** Adds the security headers; buffers HTML to hash its inline scripts into the CSP. */
export function secureResponse(req, res) {
  const path = (req.url ?? "/").split("?")[0];
  const newsroom = isNewsroomPath(path);
  for (const [name, value] of Object.entries(baseSecurityHeaders({ https: isHttps(req), desk: newsroom }))) res.setHeader(name, value);
  if (PASS_THROUGH_PREFIXES.some((p) => path.startsWith(p))) return;

  // Decided now, before anyone rewrites the request's headers for Next (see prepareForHashing).
  const acceptsGzip = /\bgzip\b/i.test(String(req.headers["accept-encoding"] ?? ""));

  const original = { writeHead: res.writeHead, write: res.write, end: res.end, flushHeaders: res.flushHeaders };
  const chunks = [];
  let mode = null;
  const decide = () => {
    if (mode) return mode;
    mode = String(res.getHeader("content-type") ?? "").startsWith("text/html") && !res.getHeader("content-security-policy") ? "html" : "pass";
    if (mode === "pass") Object.assign(res, original);
    return mode;
  };
  const toBuffer = (chunk, encoding) => (Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk, typeof encoding === "string" ? encoding : "utf8"));
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
    let body = Buffer.concat(chunks);
    res.setHeader("content-security-policy", contentSecurityPolicy(body.toString("utf8"), { frameable: !newsroom }));
    if (acceptsGzip && body.length > 1024 && !res.getHeader("content-encoding")) {
      body = zlib.gzipSync(body, { level: 6 });
      res.setHeader("content-encoding", "gzip");
      const vary = String(res.getHeader("vary") ?? "");
      res.setHeader("vary", vary ? (/accept-encoding/i.test(vary) ? vary : `${vary}, Accept-Encoding`) : "Accept-Encoding");
    }
    res.removeHeader("transfer-encoding");
    res.setHeader("content-length", String(body.length));
    res.end(req.method === "HEAD" ? undefined : body);
    if (typeof encoding === "function") encoding();
    else if (callback) callback();
    return res;
  };
}
