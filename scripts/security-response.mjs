// Security headers on every response of the production server (scripts/serve.mjs).
//
// Every response starts with a Content-Security-Policy that allows no inline script at all. An
// HTML document rendered by Next is captured and gets, instead, a policy listing the sha256 of
// each inline script the framework emitted into that exact document (lib/security/headers.mjs),
// so no page needs 'unsafe-inline' scripts nor a per-request nonce (which would make cached pages
// uncacheable).
//
// Which responses are captured is decided from the request, before Next runs (see
// response-capture.mjs for why it cannot be decided once Next writes): page requests are; feeds,
// sitemaps, route handlers, RSC payloads, server-action answers, Next's files and media stream
// straight through Next, with its own compression. Anything of those that turns out to be HTML
// (a 404 page for an unknown /api/ address) still carries the strict default policy.
import { baseSecurityHeaders, contentSecurityPolicy, isNewsroomPath } from "../lib/security/headers.mjs";
import { captureResponse, sendCapturedBody } from "./response-capture.mjs";

// Addresses that never answer with a document of ours.
const NOT_A_DOCUMENT = /^\/(?:_next|media|api|sitemaps)\/|^\/(?:robots\.txt|favicon\.ico|icon\.svg)$|(?:^|\/)(?:feed|sitemap|news-sitemap)\.xml$/;
// Client-side navigations, prefetches and server-action calls: Next answers them with an RSC payload.
const RSC_REQUEST_HEADERS = ["rsc", "next-action"];

const pathOf = (req) => (req.url ?? "/").split("?")[0];

function isHttps(req) {
  const proto = String(req.headers["x-forwarded-proto"] ?? "").split(",")[0].trim();
  return proto === "https" || Boolean(req.socket && req.socket.encrypted);
}

/** The headers every response carries, set before anything answers; the CSP allows no inline script. */
export function setSecurityHeaders(req, res) {
  const newsroom = isNewsroomPath(pathOf(req));
  for (const [name, value] of Object.entries(baseSecurityHeaders({ https: isHttps(req), desk: newsroom }))) res.setHeader(name, value);
  res.setHeader("content-security-policy", contentSecurityPolicy("", { frameable: !newsroom }));
}

/** Could Next answer this request with an HTML document (a page, or a form posted without JavaScript)? */
export function isDocumentRequest(req) {
  if (RSC_REQUEST_HEADERS.some((name) => req.headers[name] !== undefined)) return false;
  return !NOT_A_DOCUMENT.test(pathOf(req));
}

/**
 * Call right before Next handles a document request: asks Next for identity HTML, captures it,
 * hashes its framework scripts into the CSP, and sends it gzipped if the client accepts gzip.
 * A captured response that is not HTML after all (a redirect, an XML answer) is sent as it came.
 */
export function hashDocumentScripts(req, res) {
  const newsroom = isNewsroomPath(pathOf(req));
  const acceptsGzip = /\bgzip\b/i.test(String(req.headers["accept-encoding"] ?? ""));
  // Next would otherwise compress what we have to read; the capture compresses after hashing.
  delete req.headers["accept-encoding"];
  captureResponse(res, (body) => {
    const html = String(res.getHeader("content-type") ?? "").startsWith("text/html");
    if (html) res.setHeader("content-security-policy", contentSecurityPolicy(body.toString("utf8"), { frameable: !newsroom }));
    sendCapturedBody(req, res, body, { gzip: acceptsGzip && html });
  });
}
