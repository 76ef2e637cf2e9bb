/**
 * The one URL allow-list for story content. The editor's link extension, the server-side
 * validator and the HTML renderer all call these functions, so a URL the editor accepts is a URL
 * the server accepts and the renderer emits.
 *
 * Policy: http:, https:, mailto:, tel: and relative references ("/path", "path", "#frag", "?q").
 * Everything else is refused, including protocol-relative "//host" references: they silently
 * inherit the page's scheme and are a favourite way to smuggle an external host past checks
 * that only look for a scheme, and reporters can always write "https://host" instead.
 *
 * The check is deliberately stricter than a browser. A URL is refused when EITHER its literal
 * form or a "worst case decoded" form (HTML entities and percent-escapes decoded repeatedly,
 * Unicode-normalised, whitespace and control characters removed) shows a scheme outside the
 * allow-list. That way the stored value is safe no matter which consumer (browser attribute,
 * RSS reader, e-mail client, a future template that forgets to escape) interprets it.
 */

export const ALLOWED_URL_SCHEMES = ["http", "https", "mailto", "tel"] as const;

const MAX_URL_LENGTH = 4096;

// Browsers strip C0 controls and space around a URL before parsing; we strip a wider set
// (Unicode whitespace, zero-width and BOM characters) because pasted URLs often carry them.
const TRIM_PATTERN =
  /^[\u0000-\u0020\u007F-\u00A0\u00AD\u1680\u180E\u2000-\u200F\u2028-\u202F\u205F-\u2064\u3000\uFEFF]+|[\u0000-\u0020\u007F-\u00A0\u00AD\u1680\u180E\u2000-\u200F\u2028-\u202F\u205F-\u2064\u3000\uFEFF]+$/g;

// Characters a browser (or a sloppy parser) may drop from the middle of a scheme: controls,
// all whitespace, soft hyphen, zero-width and bidi formatting characters, BOM.
const INVISIBLE_PATTERN =
  /[\u0000-\u0020\u007F-\u00A0\u00AD\u034F\u061C\u1680\u180E\u2000-\u200F\u2028-\u202F\u205F-\u2064\u3000\uFEFF]/g;

const CONTROL_PATTERN = /[\u0000-\u001F\u007F]/;

const SCHEME_PATTERN = /^([a-z][a-z0-9+.-]*):/i;

// The named references that matter for smuggling a scheme or a path delimiter. Unknown names
// are left as they are: they cannot produce a ":" and the literal check still sees them.
const NAMED_ENTITIES: Record<string, string> = {
  colon: ":",
  tab: "\t",
  newline: "\n",
  sol: "/",
  bsol: "\\",
  quest: "?",
  num: "#",
  period: ".",
  lpar: "(",
  rpar: ")",
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: "\u00A0",
  excl: "!",
  semi: ";",
  equals: "=",
  commat: "@",
  percnt: "%",
  plus: "+",
  comma: ",",
  lowbar: "_",
  hyphen: "-",
  dash: "-",
  grave: "`",
  zwj: "\u200D",
  zwnj: "\u200C",
};

function decodeHtmlEntities(value: string): string {
  return value.replace(/&(?:#0*(\d{1,10})|#[xX]0*([0-9a-fA-F]{1,8})|([a-zA-Z][a-zA-Z0-9]{1,31}));?/g, (match, dec, hex, name) => {
    if (dec !== undefined || hex !== undefined) {
      const codePoint = dec !== undefined ? Number.parseInt(dec, 10) : Number.parseInt(hex, 16);
      if (!Number.isFinite(codePoint) || codePoint < 0 || codePoint > 0x10ffff) return "\uFFFD";
      if (codePoint === 0) return "\uFFFD";
      try {
        return String.fromCodePoint(codePoint);
      } catch {
        return "\uFFFD";
      }
    }
    const replacement = NAMED_ENTITIES[String(name).toLowerCase()];
    return replacement ?? match;
  });
}

function decodePercentEscapes(value: string): string {
  // Decode byte runs one at a time so a stray "%" or an invalid UTF-8 sequence cannot throw.
  return value.replace(/(?:%[0-9a-fA-F]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run.replace(/%([0-9a-fA-F]{2})/g, (_m, byte: string) => String.fromCharCode(Number.parseInt(byte, 16)));
    }
  });
}

/** Worst-case reading of a URL: what the most gullible consumer could end up executing. */
function decodeForInspection(value: string): string {
  let current = value;
  // Double and triple encoding ("&amp;#106;", "%2526") is a classic; a few rounds reach a fixpoint.
  for (let round = 0; round < 5; round++) {
    const next = decodePercentEscapes(decodeHtmlEntities(current)).normalize("NFKC").replace(INVISIBLE_PATTERN, "");
    if (next === current) break;
    current = next;
  }
  return current;
}

function trimUrl(raw: string): string {
  return raw.replace(TRIM_PATTERN, "");
}

function hasAllowedShape(value: string): boolean {
  if (value.length === 0) return false;
  // "//host" and its backslash variants: browsers treat "\" like "/" in special URLs.
  if (/^[\\/]{2}/.test(value)) return false;
  const scheme = SCHEME_PATTERN.exec(value);
  if (scheme) {
    return (ALLOWED_URL_SCHEMES as readonly string[]).includes(scheme[1].toLowerCase());
  }
  // No clean scheme, yet a colon before the first path delimiter: something is trying to look
  // like a scheme to some parser ("java\tscript:", "%6Aavascript:", "1x:"). Refuse it.
  const firstDelimiter = value.search(/[/?#]/);
  const head = firstDelimiter === -1 ? value : value.slice(0, firstDelimiter);
  return !head.includes(":");
}

/** True when `raw` is an http(s), mailto, tel or relative URL once every known trick is undone. */
export function isSafeUrl(raw: string): boolean {
  if (typeof raw !== "string") return false;
  if (raw.length > MAX_URL_LENGTH) return false;
  const trimmed = trimUrl(raw);
  // Embedded tabs and newlines are stripped by browsers, which is exactly how "java\nscript:"
  // sneaks past naive checks; no legitimate pasted URL needs them.
  if (CONTROL_PATTERN.test(trimmed)) return false;
  if (!hasAllowedShape(trimmed)) return false;
  return hasAllowedShape(decodeForInspection(trimmed));
}

// "example.org", "news.example.co.uk:8443/x?y": dot-separated DNS labels ending in an alphabetic
// top-level label, then a port, a path, a query, a fragment or nothing.
const BARE_DOMAIN_PATTERN = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+([a-z]{2,63})(?::\d{1,5})?(?:[/?#]|$)/i;

// "index.html" or "report.pdf" typed on its own is a file name, not a host: these never become
// https://index.html. (No top-level domain of these names exists.)
const FILE_NAME_ENDINGS = new Set(["htm", "html", "php", "asp", "aspx", "jsp", "cgi", "jpg", "jpeg", "png", "gif", "webp", "svg", "pdf", "doc", "docx", "xls", "xlsx", "txt", "csv"]);

const EMAIL_PATTERN = /^[a-z0-9.!#$%&'*+=^_`{|}~-]+@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

/**
 * What a reporter means by an address without a scheme: "desk@example.org" is an e-mail address,
 * "example.org/bread" a web page (stored as is it would be a relative link that 404s on our site).
 * Relative references keep their meaning only when they say so ("/path", "#fragment", "?q", "./x").
 */
function addMissingScheme(value: string): string {
  if (SCHEME_PATTERN.test(value) && !BARE_DOMAIN_PATTERN.test(value)) return value;
  if (EMAIL_PATTERN.test(value)) return `mailto:${value}`;
  const domain = BARE_DOMAIN_PATTERN.exec(value);
  if (domain && !FILE_NAME_ENDINGS.has(domain[1].toLowerCase())) return `https://${value}`;
  return value;
}

/**
 * Cleans a URL typed or pasted by a reporter: trims invisible characters, lower-cases the scheme,
 * and gives a bare domain ("example.org/bread", "www.example.org") https:// and a bare e-mail
 * address mailto:. Returns null when the result would not be safe, so
 * `normalizeUrl(x) !== null` implies `isSafeUrl(normalizeUrl(x))`.
 */
export function normalizeUrl(raw: string): string | null {
  if (typeof raw !== "string") return null;
  let value = addMissingScheme(trimUrl(raw));
  const scheme = SCHEME_PATTERN.exec(value);
  if (scheme) value = scheme[1].toLowerCase() + value.slice(scheme[1].length);
  return isSafeUrl(value) ? value : null;
}

/** Images may only come from the web or from our own site: a mailto: or tel: src is nonsense. */
export function isSafeImageUrl(raw: string): boolean {
  if (!isSafeUrl(raw)) return false;
  const scheme = SCHEME_PATTERN.exec(trimUrl(raw));
  return scheme === null || scheme[1].toLowerCase() === "http" || scheme[1].toLowerCase() === "https";
}

/** Where the newsroom serves its own uploaded images (app/media/[key]/route.ts). */
export const MEDIA_PATH_PREFIX = "/media/";

/**
 * May a story show this image to readers? Only the newsroom's own uploads under /media/ (served
 * from our origin, so a reader's browser contacts nobody else and the picture cannot change after
 * review), or an https image on an origin in `allowedOrigins` (the admin's allow-list).
 */
export function isNewsroomImageUrl(raw: string, allowedOrigins: readonly string[] = []): boolean {
  if (typeof raw !== "string" || !isSafeImageUrl(raw)) return false;
  const value = trimUrl(raw);
  if (value.startsWith(MEDIA_PATH_PREFIX)) {
    // One path segment of ordinary characters: no "..", no query, no second slash.
    return /^\/media\/[A-Za-z0-9][A-Za-z0-9._-]*$/.test(value) && !value.includes("..");
  }
  if (!/^https:\/\//i.test(value) || allowedOrigins.length === 0) return false;
  try {
    const url = new URL(value);
    return !url.username && !url.password && allowedOrigins.includes(url.origin);
  } catch {
    return false;
  }
}

/** The host of an absolute image URL, for messages ("an image from images.example.org"). */
export function imageHostOf(raw: string): string | null {
  try {
    return new URL(trimUrl(raw)).hostname || null;
  } catch {
    return null;
  }
}

/** An absolute http(s) URL, i.e. one that leaves the site unless it points at `siteOrigin`. */
export function isExternalUrl(raw: string, siteOrigin?: string): boolean {
  const trimmed = trimUrl(raw);
  if (!/^https?:/i.test(trimmed)) return false;
  if (!siteOrigin) return true;
  try {
    return new URL(trimmed).origin !== new URL(siteOrigin).origin;
  } catch {
    return true;
  }
}
