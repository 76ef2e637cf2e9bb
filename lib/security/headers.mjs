// Security headers for every response the production server sends (scripts/serve.mjs applies them).
// Plain JavaScript so the custom server can use it without a build step; typed by headers.d.mts.
import crypto from "node:crypto";
import { imageSourceDirective } from "./image-sources.mjs";

const INLINE_SCRIPT = /<script\b(?![^>]*\bsrc\s*=)[^>]*>([\s\S]*?)<\/script>/gi;

/** sha256 sources for every inline <script> of an HTML document, as CSP wants them. */
export function inlineScriptHashes(html) {
  const hashes = new Set();
  for (const match of html.matchAll(INLINE_SCRIPT)) {
    hashes.add(`'sha256-${crypto.createHash("sha256").update(match[1], "utf8").digest("base64")}'`);
  }
  return [...hashes];
}

/**
 * A Content-Security-Policy without 'unsafe-inline' scripts: Next's inline bootstrap scripts are
 * allowed by their hashes, computed from the exact HTML sent (cached pages hash once), so cached
 * public pages need no per-request nonce and stay static.
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
