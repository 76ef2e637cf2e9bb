/**
 * "Is there executable markup in this served page?", answered with a real HTML parser
 * (html-validate's) rather than substring guesses, so escaped text cannot be mistaken for a tag.
 */
import { HtmlValidate, Parser } from "html-validate";

const config = new HtmlValidate({ extends: [] }).getConfigForSync("page.html");

const URL_ATTRIBUTES = new Set(["href", "src", "action", "formaction", "xlink:href", "srcset", "poster", "data"]);

function decodeEntities(value: string): string {
  return value
    .replace(/&#x([0-9a-f]+);?/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#([0-9]+);?/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&(quot|apos|lt|gt|amp|colon|tab|newline);/gi, (_, name: string) => ({ quot: '"', apos: "'", lt: "<", gt: ">", amp: "&", colon: ":", tab: "\t", newline: "\n" })[name.toLowerCase()]!);
}

/**
 * Problems an attacker could use: an inline event handler anywhere, a javascript:/vbscript:/data:
 * URL in a URL attribute, or a script that is not one of the page's own (external file, valid
 * JSON-LD, or Next's JSON-escaped flight data). Returns them as readable strings; [] is clean.
 */
export function executableMarkup(html: string): string[] {
  const problems: string[] = [];
  const root = new Parser(config).parseHtml(html);
  for (const element of root.querySelectorAll("*")) {
    for (const attribute of element.attributes) {
      const name = attribute.key.toLowerCase();
      const value = attribute.value === null ? "" : String(attribute.value);
      if (name.startsWith("on")) problems.push(`<${element.tagName} ${name}="${value.slice(0, 80)}">`);
      if (URL_ATTRIBUTES.has(name)) {
        const scheme = decodeEntities(value).replace(/[\u0000-\u0020\u007f-\u009f\u200b\ufeff]/g, "").toLowerCase();
        if (/^(javascript|vbscript|data:text\/html|data:image\/svg)/.test(scheme)) problems.push(`<${element.tagName} ${name}="${value.slice(0, 80)}">`);
      }
    }
    if (element.tagName === "script") {
      const type = element.getAttributeValue("type");
      const text = element.textContent.trim();
      if (element.hasAttribute("src") && text === "") continue;
      if (type === "application/ld+json") {
        try {
          JSON.parse(text);
        } catch {
          problems.push(`JSON-LD that does not parse: ${text.slice(0, 120)}`);
        }
        continue;
      }
      // Next's own inline scripts: the JSON-escaped flight data and Turbopack's chunk bootstrap.
      if (/^\(?(self\.__next_f|globalThis\["TURBOPACK"\])/.test(text)) continue;
      problems.push(`<script>${text.slice(0, 120)}</script>`);
    }
    if (element.tagName === "iframe" || element.tagName === "object" || element.tagName === "embed" || element.tagName === "base") problems.push(`<${element.tagName}>`);
  }
  return problems;
}
