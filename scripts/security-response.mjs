// Security headers on every response of the production server (scripts/serve.mjs).
// HTML gets a Content-Security-Policy whose script-src lists the sha256 of each inline script of
// that exact document, so no page needs 'unsafe-inline' scripts and none needs a per-request
// nonce (which would make cached pages uncacheable). Non-HTML responses pass straight through.
import zlib from "node:zlib";
import { baseSecurityHeaders, contentSecurityPolicy, isNewsroomPath } from "../lib/security/headers.mjs";
import { captureResponse } from "./response-capture.mjs";

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

  captureResponse(res, {
    capture: () => String(res.getHeader("content-type") ?? "").startsWith("text/html") && !res.getHeader("content-security-policy"),
    onFinish: (html) => {
      let body = html;
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
    },
  });
}
