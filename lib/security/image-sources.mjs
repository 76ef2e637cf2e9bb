// Where story images may come from, for the server's checks (lib/env.ts) and for the
// Content-Security-Policy's img-src (headers.mjs). Plain JavaScript so the custom server can use it
// without a build step; typed by image-sources.d.mts.

export const IMAGE_ORIGINS_VARIABLE = "DATELINE_IMAGE_ORIGINS";

/**
 * Parses DATELINE_IMAGE_ORIGINS: https origins separated by commas or spaces, e.g.
 * "https://images.example.org, https://cdn.example.net". Throws an Error with a one-line, fixable
 * message for anything else: a path, plain http, a wildcard or a bare host would widen img-src
 * further than the admin meant.
 */
export function parseImageOrigins(raw) {
  if (raw === undefined || raw === null || String(raw).trim() === "") return [];
  const origins = [];
  for (const entry of String(raw).split(/[\s,]+/).filter(Boolean)) {
    let url;
    try {
      url = new URL(entry);
    } catch {
      throw new Error(`${IMAGE_ORIGINS_VARIABLE}: "${entry}" is not an address; list https origins such as https://images.example.org.`);
    }
    const bare = url.pathname === "/" && !url.search && !url.hash && !url.username && !url.password;
    if (url.protocol !== "https:" || !bare || !url.hostname.includes(".") || entry.includes("*")) {
      throw new Error(`${IMAGE_ORIGINS_VARIABLE}: "${entry}" must be an https origin without a path, such as https://images.example.org.`);
    }
    if (!origins.includes(url.origin)) origins.push(url.origin);
  }
  return origins;
}

let cachedRaw;
let cachedDirective;

/**
 * The img-src directive: our own origin (uploads under /media/), data: and blob: (the editor's
 * previews; neither reaches another server), and the admin's allow-list. Never a blanket https:,
 * which let every story picture call a third party from each reader's browser.
 */
export function imageSourceDirective(raw = process.env[IMAGE_ORIGINS_VARIABLE]) {
  if (raw === cachedRaw && cachedDirective) return cachedDirective;
  let origins;
  try {
    origins = parseImageOrigins(raw);
  } catch {
    // lib/env.ts stops start-up on a bad value; should one slip through, the narrow policy wins.
    origins = [];
  }
  cachedRaw = raw;
  cachedDirective = ["img-src 'self' data: blob:", ...origins].join(" ");
  return cachedDirective;
}
