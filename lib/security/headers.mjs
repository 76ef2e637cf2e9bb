// Security headers for every response the production server sends (scripts/serve.mjs applies them).
// Plain JavaScript so the custom server can use it without a build step; typed by headers.d.mts.
import crypto from "node:crypto";
import { imageSourceDirective } from "./image-sources.mjs";

const SCRIPT_ELEMENT = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;
const SRC_ATTRIBUTE = /(?:^|\s)src\s*=/i;
const TYPE_ATTRIBUTE = /(?:^|\s)type\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i;
const JAVASCRIPT_TYPE = /^(?:module|(?:text|application)\/(?:x-)?(?:java|ecma)script)$/i;

// The inline scripts Next itself writes into an App Router document, each a call with a pure-JSON
// argument (so it cannot run anything but that call):
//   - the RSC payload: `(self.__next_f=self.__next_f||[]).push([0])`, optionally followed by
//     `;self.__next_f.push([2,<form state>])`, then `self.__next_f.push([1|3,"<chunk>"])` per chunk
//     (next/dist/server/app-render/use-flight-response.js);
//   - Turbopack's chunk loader: `(globalThis["TURBOPACK"] || (globalThis["TURBOPACK"] = [])).push({...});`
//     naming the page's static chunks.
// Anything else inline in a page (a script someone got into a story, a comment or a name) is not
// ours, gets no hash, and the browser refuses to run it. JSON-LD blocks are data, not scripts.
const FLIGHT_BOOTSTRAP = "(self.__next_f=self.__next_f||[]).push([0])";
const FLIGHT_PUSH = "self.__next_f.push(";
const TURBOPACK_PUSH = '(globalThis["TURBOPACK"] || (globalThis["TURBOPACK"] = [])).push(';
const STATIC_CHUNK = /^static\/chunks\/[\w.-]+\.js$/;

function parseJson(text) {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** `self.__next_f.push([kind, data])` with a JSON array argument of a kind Next writes. */
function isFlightPush(text, kinds) {
  if (!text.startsWith(FLIGHT_PUSH) || !text.endsWith(")")) return false;
  const parsed = parseJson(text.slice(FLIGHT_PUSH.length, -1));
  if (!parsed.ok || !Array.isArray(parsed.value) || parsed.value.length !== 2 || !kinds.includes(parsed.value[0])) return false;
  return parsed.value[0] === 2 || typeof parsed.value[1] === "string";
}

function isTurbopackLoader(text) {
  const body = text.endsWith(");") ? text.slice(0, -2) : text.endsWith(")") ? text.slice(0, -1) : null;
  if (body === null || !body.startsWith(TURBOPACK_PUSH)) return false;
  const parsed = parseJson(body.slice(TURBOPACK_PUSH.length));
  if (!parsed.ok || parsed.value === null || typeof parsed.value !== "object" || Array.isArray(parsed.value)) return false;
  const { otherChunks, runtimeModuleIds, ...rest } = parsed.value;
  return (
    Object.keys(rest).length === 0 &&
    Array.isArray(otherChunks) &&
    otherChunks.every((chunk) => typeof chunk === "string" && STATIC_CHUNK.test(chunk)) &&
    Array.isArray(runtimeModuleIds) &&
    runtimeModuleIds.every((id) => Number.isInteger(id))
  );
}

/** Is this inline script text one the framework writes into every page (see above)? */
export function isFrameworkScript(text) {
  if (text === FLIGHT_BOOTSTRAP) return true;
  if (text.startsWith(`${FLIGHT_BOOTSTRAP};`)) return isFlightPush(text.slice(FLIGHT_BOOTSTRAP.length + 1), [2]);
  return isFlightPush(text, [1, 3]) || isTurbopackLoader(text);
}

/** sha256 sources for the framework's inline scripts in an HTML document, as CSP wants them. */
export function inlineScriptHashes(html) {
  const hashes = new Set();
  for (const [, attributes, text] of html.matchAll(SCRIPT_ELEMENT)) {
    if (SRC_ATTRIBUTE.test(attributes)) continue;
    const type = TYPE_ATTRIBUTE.exec(attributes);
    const typeValue = type ? (type[1] ?? type[2] ?? type[3]).trim() : "";
    // A data block (JSON-LD) never runs, so it needs no hash.
    if (typeValue !== "" && !JAVASCRIPT_TYPE.test(typeValue)) continue;
    if (!isFrameworkScript(text)) continue;
    hashes.add(`'sha256-${crypto.createHash("sha256").update(text, "utf8").digest("base64")}'`);
  }
  return [...hashes];
}

/**
 * A Content-Security-Policy without 'unsafe-inline' scripts: Next's inline bootstrap scripts are
 * allowed by their hashes, computed from the exact HTML sent (cached pages hash once), so cached
 * public pages need no per-request nonce and stay static. Only scripts of the framework's own
 * shapes are hashed: an injected script is in the HTML too, and must not be allowed with them.
 */
export function contentSecurityPolicy(html, { frameable }) {
  const scripts = ["'self'", ...inlineScriptHashes(html)].join(" ");
  return [
    "default-src 'self'",
    `script-src ${scripts}`,
    "style-src 'self' 'unsafe-inline'",
    imageSourceDirective(),
    "font-src 'self'",
    "connect-src 'self'",
    "media-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    `frame-ancestors ${frameable ? "'self'" : "'none'"}`,
  ].join("; ");
}

/** Lower-case names of every header baseSecurityHeaders may set. */
export const SECURITY_HEADER_NAMES = new Set(
  ["X-Content-Type-Options", "Referrer-Policy", "Permissions-Policy", "Cross-Origin-Opener-Policy", "X-Frame-Options", "Strict-Transport-Security"].map((n) => n.toLowerCase()),
);

/** Headers every response carries; `https` adds HSTS (only ever sent over HTTPS). */
export function baseSecurityHeaders({ https, desk }) {
  const headers = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
    "Cross-Origin-Opener-Policy": "same-origin",
  };
  if (desk) headers["X-Frame-Options"] = "DENY";
  if (https) headers["Strict-Transport-Security"] = "max-age=63072000; includeSubDomains";
  return headers;
}

/** The newsroom (desk, sign-in, setup, invites) may never be framed; the public site only by itself. */
export function isNewsroomPath(pathname) {
  return /^\/(desk|login|setup|invite|reset|api)(\/|$)/.test(pathname);
}
