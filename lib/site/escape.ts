/**
 * Escaping for the machine-readable outputs (RSS, sitemaps, JSON-LD). Page HTML is escaped by
 * React; these outputs are strings we assemble ourselves, so every text field goes through here.
 */

// XML 1.0 allows only these characters; anything else (C0 controls, lone surrogates, U+FFFE/F)
// makes a strict feed reader reject the whole document, so it is dropped rather than escaped.
const INVALID_XML_CHARS = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function stripInvalidXmlChars(value: string): string {
  return value.replace(INVALID_XML_CHARS, "");
}

/** Text or attribute value inside XML. */
export function escapeXml(value: string): string {
  return stripInvalidXmlChars(value)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

/**
 * JSON for an inline <script type="application/ld+json">. JSON.stringify alone is not enough:
 * "</script>" in a headline would close the element, "<!--" would open an HTML comment, and
 * U+2028/U+2029 break older JavaScript parsers. The \u escapes keep the JSON value identical.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/** RFC 822 date for RSS ("Thu, 01 Dec 2016 16:10:00 GMT"). */
export function rfc822(date: Date): string {
  return date.toUTCString();
}
