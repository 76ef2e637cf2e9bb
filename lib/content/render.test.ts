import type { JSONContent } from "@tiptap/core";
import { describe, expect, it } from "vitest";

import { escapeHtml, renderStoryHtml } from "./render";
import { docOf, figureNode, fullStoryDoc, linkedText, paragraph, tableCell, textNode } from "./test-fixtures";
import { validateStoryBody } from "./validate";
import { HOSTILE_TEXT, HOSTILE_URLS } from "./xss-corpus";

const ALLOWED_TAGS = new Set([
  "p", "h2", "h3", "h4", "strong", "em", "a", "ul", "ol", "li", "blockquote", "aside", "hr", "br",
  "figure", "img", "figcaption", "small", "sup", "sub", "div", "table", "caption", "thead", "tbody", "tr", "th", "td", "picture", "source",
]);
const VOID_TAGS = new Set(["hr", "br", "img", "source"]);
const ALLOWED_ATTRIBUTES = new Set(["href", "title", "rel", "src", "alt", "width", "height", "loading", "decoding", "class", "start",
  "role", "aria-label", "tabindex", "scope", "colspan", "rowspan", "type", "srcset", "sizes"]);

function decodeAttribute(value: string): string {
  return value
    .replace(/&#(\d+);/g, (_m, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&#x([0-9a-f]+);/gi, (_m, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

/**
 * A strict reader of the renderer's output: every "<" must open or close an allowed tag with
 * double-quoted, allowed attributes; text between tags may not contain markup characters; tags
 * must nest. Anything else (a stray <script>, an onerror=, an unquoted value) fails the test.
 */
function auditHtml(html: string): Array<{ tag: string; attrs: Record<string, string> }> {
  const tags: Array<{ tag: string; attrs: Record<string, string> }> = [];
  const open: string[] = [];
  const tagPattern = /<(\/?)([a-z][a-z0-9]*)((?:\s[a-z-]+="[^"<>]*")*)>/y;
  let i = 0;
  while (i < html.length) {
    const next = html.indexOf("<", i);
    const text = html.slice(i, next === -1 ? html.length : next);
    expect(text, `text ${JSON.stringify(text)}`).not.toMatch(/[<>"']/);
    if (next === -1) break;
    tagPattern.lastIndex = next;
    const match = tagPattern.exec(html);
    expect(match, `markup at ${next}: ${JSON.stringify(html.slice(next, next + 60))}`).not.toBeNull();
    const [whole, closing, tag, attrText] = match as RegExpExecArray;
    expect(ALLOWED_TAGS.has(tag), `tag <${tag}>`).toBe(true);
    if (closing) {
      expect(open.pop(), `closing </${tag}>`).toBe(tag);
    } else {
      const attrs: Record<string, string> = {};
      for (const [, name, value] of attrText.matchAll(/\s([a-z-]+)="([^"]*)"/g)) {
        expect(ALLOWED_ATTRIBUTES.has(name), `attribute ${name}`).toBe(true);
        expect(name.startsWith("on")).toBe(false);
        attrs[name] = decodeAttribute(value);
      }
      for (const name of ["href", "src"]) {
        if (name in attrs) {
          const squashed = attrs[name].replace(/[\u0000-\u0020\u007F-\u00A0\u200B-\u200F\uFEFF]/g, "").toLowerCase();
          expect(squashed).not.toMatch(/^(javascript|data|vbscript|file|livescript|mocha):/);
          expect(squashed).not.toMatch(/^[\\/]{2}/);
        }
      }
      tags.push({ tag, attrs });
      if (!VOID_TAGS.has(tag)) open.push(tag);
    }
    i = next + whole.length;
  }
  expect(open).toEqual([]);
  return tags;
}

describe("renderStoryHtml", () => {
  it("renders every element of a validated story", () => {
    const result = validateStoryBody(fullStoryDoc);
    if (!result.ok) throw new Error(result.message);
    const html = renderStoryHtml(result.doc, { siteOrigin: "https://news.example.com" });
    auditHtml(html);
    expect(html).toContain("<h2>Council approves budget</h2>");
    expect(html).toContain("<h3>What changes</h3>");
    expect(html).toContain("<h4>Reaction</h4>");
    expect(html).toContain("<strong>7 to 2</strong>");
    expect(html).toContain("<em>Tuesday</em>");
    expect(html).toContain('<a href="https://council.example.gov/minutes" rel="noopener noreferrer">the minutes</a>');
    expect(html).toContain('<a href="mailto:desk@example.com">the desk</a>');
    expect(html).toContain('<a href="tel:+15551234567">call</a>');
    expect(html).toContain('<a href="/archive">our archive</a>');
    expect(html).toContain(".<br>Contact");
    expect(html).toContain("<ul><li><p>More buses</p></li><li><p>Fewer potholes</p><ol start=\"3\"><li><p>Main Street</p></li></ol></li></ul>");
    expect(html).toContain("<blockquote><p>It is a good day for the city.</p></blockquote>");
    expect(html).toContain('<aside class="pull-quote"><p>A good day for the city</p></aside>');
    expect(html).toContain("<hr>");
    expect(html).toContain(
      '<figure><img src="/media/0f8fad5b-d9cb-469f-a165-70867728950e-w1200.webp" alt="Council members voting" width="1200" height="800" loading="lazy" decoding="async">' +
        '<figcaption>The vote on Tuesday. <small class="credit">Photo: A. Reporter</small></figcaption></figure>',
    );
    expect(html).toContain("<ol><li><p>First</p></li></ol>");
    expect(html).toContain("<p>Turnout<sup>1</sup> fell; CO<sub>2</sub> rose.</p>");
    expect(html).toContain(
      '<div class="table-scroll" role="region" aria-label="Votes by ward" tabindex="0"><table><caption>Votes by ward</caption>' +
        '<thead><tr><th scope="col">Ward</th><th scope="col">Votes</th></tr></thead>' +
        '<tbody><tr><th scope="row">North</th><td><strong>1,204</strong></td></tr><tr><td colspan="2">Total: 2,410</td></tr></tbody></table></div>',
    );
  });

  it("renders a table without a header row or caption as a named, scrollable region", () => {
    const row = (...cells: string[]) => ({ type: "tableRow", content: cells.map((text) => tableCell("tableCell", textNode(text))) });
    const table = { type: "table", content: [row("Year", "Stalls"), row("2016", "0202")] };
    const html = renderStoryHtml(docOf(table, table));
    expect(html).toBe(
      '<div class="table-scroll" role="region" aria-label="Table 1" tabindex="0"><table><tbody><tr><td>Year</td><td>Stalls</td></tr><tr><td>2016</td><td>0202</td></tr></tbody></table></div>\n' +
        '<div class="table-scroll" role="region" aria-label="Table 2" tabindex="0"><table><tbody><tr><td>Year</td><td>Stalls</td></tr><tr><td>2016</td><td>0202</td></tr></tbody></table></div>',
    );
  });

  it("shows a picture stored from another site as a link to it, never as an <img> readers' browsers fetch", () => {
    const html = renderStoryHtml(docOf(figureNode({ src: "https://tracker.example.net/p.jpg?u=1&v=2", alt: "A bakery", caption: "Bread" })), {
      siteOrigin: "https://news.example.com",
    });
    expect(html).toBe(
      '<figure><a class="external-image" href="https://tracker.example.net/p.jpg?u=1&amp;v=2" rel="noopener noreferrer">Image on tracker.example.net: A bakery</a>' +
        "<figcaption>Bread</figcaption></figure>",
    );
    expect(html).not.toContain("<img");
  });

  it("shows images from an allow-listed origin and from the site itself", () => {
    const allowed = renderStoryHtml(docOf(figureNode({ src: "https://images.example.org/a.jpg", alt: "" })), {
      imageOrigins: ["https://images.example.org"],
    });
    expect(allowed).toBe('<figure><img src="https://images.example.org/a.jpg" alt="" loading="lazy" decoding="async"></figure>');
    const own = renderStoryHtml(docOf(figureNode({ src: "https://news.example.com/media/a-w640.webp", alt: "" })), {
      siteOrigin: "https://news.example.com",
    });
    expect(own).toContain("<img src=");
  });

  it("offers stored renditions as AVIF and WebP srcsets with the article column's sizes", () => {
    const src = "/media/0f8fad5b-d9cb-469f-a165-70867728950e-w1600.webp";
    const sources = {
      avifSrcSet: "/media/0f8fad5b-d9cb-469f-a165-70867728950e-w480.avif 480w, /media/0f8fad5b-d9cb-469f-a165-70867728950e-w1600.avif 1600w",
      webpSrcSet: "/media/0f8fad5b-d9cb-469f-a165-70867728950e-w480.webp 480w, /media/0f8fad5b-d9cb-469f-a165-70867728950e-w1600.webp 1600w",
    };
    const doc = docOf(figureNode({ src, alt: "Council", width: 1600, height: 1067 }), figureNode({ src: "/elsewhere.jpg", alt: "Other" }));
    const html = renderStoryHtml(doc, { imageSources: new Map([[src, sources]]) });
    expect(html).toContain(
      `<figure><picture><source type="image/avif" srcset="${sources.avifSrcSet}" sizes="(min-width: 48rem) 46rem, 100vw">` +
        `<source type="image/webp" srcset="${sources.webpSrcSet}" sizes="(min-width: 48rem) 46rem, 100vw">` +
        `<img src="${src}" alt="Council" width="1600" height="1067" loading="lazy" decoding="async"></picture></figure>`,
    );
    // An image without stored renditions stays a plain <img>.
    expect(html).toContain('<figure><img src="/elsewhere.jpg" alt="Other" loading="lazy" decoding="async"></figure>');
    expect(auditHtml(html).filter((t) => t.tag === "source")).toHaveLength(2);
  });

  it("does not mark links to the site itself as external", () => {
    const html = renderStoryHtml(docOf(paragraph(linkedText("home", "https://news.example.com/"))), {
      siteOrigin: "https://news.example.com",
    });
    expect(html).toBe('<p><a href="https://news.example.com/">home</a></p>');
  });

  it("keeps one <a> across differently formatted text inside the same link", () => {
    const link = { type: "link", attrs: { href: "https://a.test" } };
    const html = renderStoryHtml(
      docOf(paragraph(textNode("plain ", [link]), textNode("bold", [link, { type: "bold" }]), textNode(" plain", [link]))),
    );
    expect(html).toBe('<p><a href="https://a.test" rel="noopener noreferrer">plain <strong>bold</strong> plain</a></p>');
  });

  it.each(HOSTILE_URLS.map((url) => [JSON.stringify(url), url]))("renders a link to %s as plain text", (_label, url) => {
    const html = renderStoryHtml(docOf(paragraph(textNode("before "), linkedText("click", url), textNode(" after"))));
    expect(html).toBe("<p>before click after</p>");
  });

  it.each(HOSTILE_URLS.map((url) => [JSON.stringify(url), url]))("drops an image from %s", (_label, url) => {
    expect(renderStoryHtml(docOf(figureNode({ src: url, alt: "x" })))).toBe("");
    const withCaption = renderStoryHtml(docOf(figureNode({ src: url, alt: "x", caption: "Caption" })));
    expect(withCaption).toBe("<figure><figcaption>Caption</figcaption></figure>");
  });

  it.each(HOSTILE_TEXT.map((text) => [text]))("escapes hostile text %s everywhere it can appear", (text) => {
    const doc = docOf(
      paragraph(textNode(text), textNode(text, [{ type: "bold" }])),
      { type: "heading", attrs: { level: 3 }, content: [textNode(text)] },
      { type: "pullQuote", content: [textNode(text)] },
      paragraph(textNode(text, [{ type: "link", attrs: { href: "https://a.test/?q=\"><script>", title: text } }])),
      figureNode({ src: '/img.jpg?x="><script>alert(1)</script>', alt: text, caption: text, credit: text }),
    );
    const html = renderStoryHtml(doc);
    const tags = auditHtml(html);
    expect(html.toLowerCase()).not.toContain("<script");
    expect(html.toLowerCase()).not.toContain("<img src=x");
    expect(html).not.toMatch(/<\/(?!p>|h3>|strong>|aside>|a>|figure>|figcaption>|small>)/);
    // The hostile strings survive as visible text, exactly.
    expect(tags.find((t) => t.tag === "img")?.attrs.alt).toBe(text.replace("\u0000", "\uFFFD"));
    expect(tags.find((t) => t.tag === "a")?.attrs.title).toBe(text.replace("\u0000", "\uFFFD"));
  });

  it("never emits event handlers or unknown tags, even for nodes and marks it does not know", () => {
    const doc = {
      type: "doc",
      content: [
        { type: "script", content: [textNode("alert(1)")] },
        { type: "iframe", attrs: { src: "javascript:alert(1)", onload: "alert(1)" }, content: [paragraph(textNode("inner"))] },
        paragraph(textNode("styled", [{ type: "span", attrs: { onclick: "alert(1)", style: "x" } }])),
        { type: "paragraph", attrs: { onclick: "alert(1)", class: "x" }, content: [textNode("p")] },
        { type: "figure", attrs: { src: "/ok.jpg", alt: "a", onerror: "alert(1)", width: "100\" onload=\"alert(1)", height: -5 } },
        { type: "heading", attrs: { level: '1 onclick="alert(1)"' }, content: [textNode("h")] },
        { type: "orderedList", attrs: { start: '1" onclick="alert(1)' }, content: [{ type: "listItem", content: [paragraph(textNode("li"))] }] },
      ],
    } as JSONContent;
    const html = renderStoryHtml(doc);
    auditHtml(html);
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
    expect(html).toContain("<p>alert(1)</p>");
    expect(html).toContain("<p>inner</p>");
    expect(html).toContain("<p>styled</p>");
    expect(html).toContain('<figure><img src="/ok.jpg" alt="a" loading="lazy" decoding="async"></figure>');
    expect(html).toContain("<h2>h</h2>");
    expect(html).toContain("<ol><li><p>li</p></li></ol>");
  });

  it("clamps heading levels outside 2-4 instead of emitting h1 or h9", () => {
    const html = renderStoryHtml(
      docOf(
        { type: "heading", attrs: { level: 1 }, content: [textNode("a")] },
        { type: "heading", attrs: { level: 9 }, content: [textNode("b")] },
      ),
    );
    expect(html).toBe("<h2>a</h2>\n<h4>b</h4>");
  });

  it("always writes alt, omits empty caption parts", () => {
    expect(renderStoryHtml(docOf(figureNode({ src: "/media/a-w640.webp" })))).toBe(
      '<figure><img src="/media/a-w640.webp" alt="" loading="lazy" decoding="async"></figure>',
    );
    expect(renderStoryHtml(docOf(figureNode({ src: "/a.jpg", alt: "A", credit: "AP" })))).toBe(
      '<figure><img src="/a.jpg" alt="A" loading="lazy" decoding="async"><figcaption><small class="credit">AP</small></figcaption></figure>',
    );
  });

  it("emits the cleaned-up form of a URL, not its invisible padding", () => {
    expect(renderStoryHtml(docOf(paragraph(linkedText("a", "\u200B https://example.com/x \u00A0"))))).toBe(
      '<p><a href="https://example.com/x" rel="noopener noreferrer">a</a></p>',
    );
    expect(renderStoryHtml(docOf(paragraph(linkedText("a", "www.example.com/x"))))).toBe(
      '<p><a href="https://www.example.com/x" rel="noopener noreferrer">a</a></p>',
    );
  });

  it("escapes URLs inside attributes", () => {
    const html = renderStoryHtml(docOf(paragraph(linkedText("q", "/search?a=1&b=\"2\"<x>"))));
    expect(html).toBe('<p><a href="/search?a=1&amp;b=&quot;2&quot;&lt;x&gt;">q</a></p>');
  });

  it("survives a very deep hostile document without a stack overflow", () => {
    let node: JSONContent = paragraph(textNode("deep"));
    for (let i = 0; i < 100_000; i++) node = { type: "blockquote", content: [node] };
    const html = renderStoryHtml(docOf(node));
    expect(html.startsWith("<blockquote>")).toBe(true);
    auditHtml(html);
  });

  it("returns nothing for things that are not documents", () => {
    expect(renderStoryHtml(null as unknown as JSONContent)).toBe("");
    expect(renderStoryHtml("<script>" as unknown as JSONContent)).toBe("");
  });
});

describe("escapeHtml", () => {
  it("escapes the five markup characters", () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
  });
});
