/**
 * Story body -> public HTML, run once at publish time (architecture rule 4). It is our own small
 * walker rather than Tiptap's generateHTML so that it needs no DOM on the server and so that
 * every byte it emits is visible here: a fixed set of tags and attribute names, every text and
 * attribute value escaped, every URL re-checked.
 *
 * The input is supposed to be validated already; the renderer still treats it as hostile
 * (defence in depth): unknown nodes degrade to their text, unknown marks are ignored, unsafe
 * URLs lose their link or image, and nesting beyond the validator's limit is not descended.
 */
import type { JSONContent } from "@tiptap/core";

import { HEADING_LEVELS } from "./extensions";
import { MAX_CELL_SPAN, MAX_NODE_DEPTH } from "./limits";
import { imageHostOf, isExternalUrl, isNewsroomImageUrl, isSafeImageUrl, normalizeUrl } from "./urls";

export interface RenderOptions {
  /** The public site's origin; absolute links to it are not treated as external. */
  siteOrigin?: string;
  /** Origins an admin allows story images from, besides our own /media/ (`getEnv().imageOrigins`). */
  imageOrigins?: readonly string[];
  /** Internal: numbers unnamed tables within one document so each scroll region has its own name. */
  tableCount?: { value: number };
  /**
   * Responsive renditions of stored images, by the figure's `src`: the figure becomes a
   * <picture> offering AVIF and WebP at every stored width, and the browser picks by `sizes`.
   */
  imageSources?: ReadonlyMap<string, FigureSources>;
}

/** `srcset` values ("url 480w, url 800w"), each URL one of our own /media/ addresses. */
export type FigureSources = { avifSrcSet: string; webpSrcSet: string };

/** The article column: full width on a phone, 46rem from 48rem up (app/(site)/site.css). */
export const ARTICLE_IMAGE_SIZES = "(min-width: 48rem) 46rem, 100vw";

const MAX_DIMENSION = 100_000;

export function escapeHtml(value: string): string {
  let out = "";
  for (let i = 0; i < value.length; i++) {
    const ch = value[i];
    switch (ch) {
      case "&":
        out += "&amp;";
        break;
      case "<":
        out += "&lt;";
        break;
      case ">":
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case "'":
        out += "&#39;";
        break;
      case "\u0000":
        // NUL is a parse error in HTML; browsers would substitute U+FFFD anyway.
        out += "\uFFFD";
        break;
      default:
        out += ch;
    }
  }
  return out;
}

function asString(value: unknown): string {
  return typeof value === "string" ? value : "";
}

function childrenOf(node: JSONContent): JSONContent[] {
  return Array.isArray(node.content) ? node.content.filter((child) => child && typeof child === "object") : [];
}

function isInline(node: JSONContent): boolean {
  return node.type === "text" || node.type === "hardBreak";
}

function plainTextOf(node: JSONContent, depth: number): string {
  if (depth > MAX_NODE_DEPTH) return "";
  if (node.type === "text") return asString(node.text);
  return childrenOf(node)
    .map((child) => plainTextOf(child, depth + 1))
    .join("");
}

interface OpenMark {
  key: string;
  open: string;
  close: string;
}

function toOpenMarks(node: JSONContent, options: RenderOptions): OpenMark[] {
  const result: OpenMark[] = [];
  if (!Array.isArray(node.marks)) return result;
  for (const mark of node.marks) {
    if (!mark || typeof mark !== "object") continue;
    if (mark.type === "bold") {
      result.push({ key: "bold", open: "<strong>", close: "</strong>" });
    } else if (mark.type === "italic") {
      result.push({ key: "italic", open: "<em>", close: "</em>" });
    } else if (mark.type === "superscript") {
      result.push({ key: "superscript", open: "<sup>", close: "</sup>" });
    } else if (mark.type === "subscript") {
      result.push({ key: "subscript", open: "<sub>", close: "</sub>" });
    } else if (mark.type === "link") {
      // normalizeUrl re-checks safety and also drops the invisible padding a browser would
      // otherwise keep. An unsafe link keeps its text and loses its <a>: readers still see the words.
      const href = normalizeUrl(asString(mark.attrs?.href));
      if (!href) continue;
      const title = asString(mark.attrs?.title);
      const external = isExternalUrl(href, options.siteOrigin);
      const open =
        `<a href="${escapeHtml(href)}"` +
        (title ? ` title="${escapeHtml(title)}"` : "") +
        (external ? ` rel="noopener noreferrer"` : "") +
        ">";
      result.push({ key: `link\u0000${href}\u0000${title}`, open, close: "</a>" });
    }
    // Unknown marks are ignored: formatting is lost, content is not.
  }
  return result;
}

/**
 * Inline content with marks opened and closed like ProseMirror's DOM serializer: a link that
 * spans "plain **bold** plain" stays one <a>, which matters to screen-reader users.
 */
function renderInline(nodes: JSONContent[], options: RenderOptions, depth: number): string {
  let out = "";
  const open: OpenMark[] = [];
  for (const node of nodes) {
    const marks = toOpenMarks(node, options);
    let keep = 0;
    while (keep < open.length && keep < marks.length && open[keep].key === marks[keep].key) keep++;
    while (open.length > keep) out += (open.pop() as OpenMark).close;
    for (let i = keep; i < marks.length; i++) {
      out += marks[i].open;
      open.push(marks[i]);
    }
    if (node.type === "text") out += escapeHtml(asString(node.text));
    else if (node.type === "hardBreak") out += "<br>";
    // A block where inline content belongs can only come from a hostile or corrupted body.
    else out += escapeHtml(plainTextOf(node, depth + 1));
  }
  while (open.length > 0) out += (open.pop() as OpenMark).close;
  return out;
}

function renderBlocks(nodes: JSONContent[], options: RenderOptions, depth: number): string {
  return nodes.map((node) => renderBlock(node, options, depth)).join("");
}

function headingLevel(value: unknown): number {
  if (typeof value !== "number" || !Number.isInteger(value)) return HEADING_LEVELS[0];
  return Math.min(Math.max(value, HEADING_LEVELS[0]), HEADING_LEVELS[HEADING_LEVELS.length - 1]);
}

function dimensionAttribute(name: string, value: unknown): string {
  if (typeof value !== "number" || !Number.isInteger(value) || value <= 0 || value > MAX_DIMENSION) return "";
  return ` ${name}="${value}"`;
}

/**
 * A picture from another site (stored before images had to come from the media library) is not
 * shown: the reader's browser would fetch it from that site. A link to it keeps it one click away.
 * Migration 0004 rewrites already published HTML the same way.
 */
function renderForeignImage(src: string, alt: string): string {
  const host = imageHostOf(src) ?? "another site";
  const label = `Image on ${host}${alt ? `: ${alt}` : ""}`;
  return `<a class="external-image" href="${escapeHtml(src)}" rel="noopener noreferrer">${escapeHtml(label)}</a>`;
}

/** An absolute address on another origin that the admin has not allowed; site-relative paths are ours. */
function isForeignImage(src: string, options: RenderOptions): boolean {
  if (!/^https?:/i.test(src)) return false;
  if (isNewsroomImageUrl(src, options.imageOrigins)) return false;
  return isExternalUrl(src, options.siteOrigin) || !options.siteOrigin;
}

function pictureSources(sources: FigureSources | undefined): string {
  if (!sources) return "";
  const source = (type: string, srcset: string) =>
    srcset ? `<source type="${type}" srcset="${escapeHtml(srcset)}" sizes="${ARTICLE_IMAGE_SIZES}">` : "";
  return source("image/avif", sources.avifSrcSet) + source("image/webp", sources.webpSrcSet);
}

function renderFigure(node: JSONContent, options: RenderOptions): string {
  const attrs = node.attrs ?? {};
  const rawSrc = asString(attrs.src);
  const src = isSafeImageUrl(rawSrc) ? normalizeUrl(rawSrc) : null;
  const caption = asString(attrs.caption).trim();
  const credit = asString(attrs.credit).trim();
  const alt = asString(attrs.alt);
  let image = "";
  if (src && isForeignImage(src, options)) image = renderForeignImage(src, alt);
  else if (src) {
    const img =
      `<img src="${escapeHtml(src)}" alt="${escapeHtml(alt)}"` +
      dimensionAttribute("width", attrs.width) +
      dimensionAttribute("height", attrs.height) +
      ` loading="lazy" decoding="async">`;
    const sources = pictureSources(options.imageSources?.get(src));
    image = sources ? `<picture>${sources}${img}</picture>` : img;
  }
  const creditHtml = credit ? `<small class="credit">${escapeHtml(credit)}</small>` : "";
  const captionHtml =
    caption || credit
      ? `<figcaption>${escapeHtml(caption)}${caption && credit ? " " : ""}${creditHtml}</figcaption>`
      : "";
  if (!image && !captionHtml) return "";
  return `<figure>${image}${captionHtml}</figure>`;
}

function renderListItems(node: JSONContent, options: RenderOptions, depth: number): string {
  return childrenOf(node)
    .map((child) =>
      child.type === "listItem"
        ? renderBlock(child, options, depth + 1)
        : `<li>${renderBlock(child, options, depth + 1)}</li>`,
    )
    .join("");
}

function spanAttribute(name: string, value: unknown): string {
  if (typeof value !== "number" || !Number.isInteger(value) || value <= 1 || value > MAX_CELL_SPAN) return "";
  return ` ${name}="${value}"`;
}

/** A cell's paragraphs; one paragraph needs no <p> of its own (screen readers announce each one). */
function renderCellContent(cell: JSONContent, options: RenderOptions, depth: number): string {
  const paragraphs = childrenOf(cell);
  if (paragraphs.length === 1 && paragraphs[0].type === "paragraph") {
    return renderInline(childrenOf(paragraphs[0]), options, depth + 1);
  }
  return renderBlocks(paragraphs, options, depth + 1);
}

/**
 * A table readers can use on any screen: header cells say what they head (scope="col" in a header
 * row, scope="row" for a header cell starting a body row), the caption names the table, and the
 * table scrolls sideways inside its own box on a phone instead of widening the page. The box is a
 * focusable region so keyboard users can scroll it too, named by the caption when there is one.
 */
function renderTable(node: JSONContent, options: RenderOptions, depth: number): string {
  const rows = childrenOf(node).filter((row) => row.type === "tableRow");
  if (rows.length === 0) return "";
  const caption = asString(node.attrs?.caption).trim();
  const isHeaderRow = (row: JSONContent) => {
    const cells = childrenOf(row);
    return cells.length > 0 && cells.every((cell) => cell.type === "tableHeader");
  };
  const renderRow = (row: JSONContent, inHead: boolean) => {
    const cells = childrenOf(row)
      .map((cell, index) => {
        const tag = cell.type === "tableHeader" ? "th" : "td";
        const scope = tag === "th" ? (inHead ? ` scope="col"` : index === 0 ? ` scope="row"` : "") : "";
        const spans = spanAttribute("colspan", cell.attrs?.colspan) + spanAttribute("rowspan", cell.attrs?.rowspan);
        return `<${tag}${scope}${spans}>${renderCellContent(cell, options, depth + 2)}</${tag}>`;
      })
      .join("");
    return `<tr>${cells}</tr>`;
  };
  let headCount = 0;
  while (headCount < rows.length - 1 && isHeaderRow(rows[headCount])) headCount++;
  const head = headCount > 0 ? `<thead>${rows.slice(0, headCount).map((row) => renderRow(row, true)).join("")}</thead>` : "";
  const body = `<tbody>${rows.slice(headCount).map((row) => renderRow(row, false)).join("")}</tbody>`;
  const captionHtml = caption ? `<caption>${escapeHtml(caption)}</caption>` : "";
  const counter = options.tableCount ?? { value: 0 };
  counter.value += 1;
  const name = ` aria-label="${escapeHtml(caption || `Table ${counter.value}`)}"`;
  return `<div class="table-scroll" role="region"${name} tabindex="0"><table>${captionHtml}${head}${body}</table></div>`;
}

function renderBlock(node: JSONContent, options: RenderOptions, depth: number): string {
  if (depth > MAX_NODE_DEPTH) return "";
  const children = childrenOf(node);
  switch (node.type) {
    case "paragraph":
      return `<p>${renderInline(children, options, depth)}</p>`;
    case "heading": {
      const level = headingLevel(node.attrs?.level);
      return `<h${level}>${renderInline(children, options, depth)}</h${level}>`;
    }
    case "blockquote":
      return `<blockquote>${renderBlocks(children, options, depth + 1)}</blockquote>`;
    case "pullQuote":
      return `<aside class="pull-quote"><p>${renderInline(children, options, depth)}</p></aside>`;
    case "bulletList":
      return `<ul>${renderListItems(node, options, depth)}</ul>`;
    case "orderedList": {
      const start = node.attrs?.start;
      const startAttribute =
        typeof start === "number" && Number.isInteger(start) && start !== 1 && start >= 0 && start <= MAX_DIMENSION
          ? ` start="${start}"`
          : "";
      return `<ol${startAttribute}>${renderListItems(node, options, depth)}</ol>`;
    }
    case "listItem":
      return `<li>${renderBlocks(children, options, depth + 1)}</li>`;
    case "horizontalRule":
      return "<hr>";
    case "figure":
      return renderFigure(node, options);
    case "table":
      return renderTable(node, options, depth);
    case "text":
    case "hardBreak":
      return `<p>${renderInline([node], options, depth)}</p>`;
    default:
      // Unknown block (or `doc` nested where it should not be): keep the words, drop the markup.
      if (children.some(isInline)) return `<p>${renderInline(children, options, depth)}</p>`;
      return renderBlocks(children, options, depth + 1);
  }
}

/**
 * Renders a validated story body to HTML for the public site. Top-level blocks are separated by
 * newlines so stored HTML diffs readably; nothing else depends on that whitespace.
 */
export function renderStoryHtml(doc: JSONContent, renderOptions: RenderOptions = {}): string {
  if (!doc || typeof doc !== "object") return "";
  const options = { ...renderOptions, tableCount: { value: 0 } };
  if (doc.type !== "doc") return renderBlock(doc, options, 1);
  return childrenOf(doc)
    .map((node) => renderBlock(node, options, 2))
    .filter((html) => html.length > 0)
    .join("\n");
}
