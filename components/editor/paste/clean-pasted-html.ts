/**
 * Clipboard HTML from Google Docs, Word and web pages, reduced to what the writer meant before
 * ProseMirror parses it with the story schema. Pure DOM work: runs in the browser's paste and,
 * in tests, on jsdom.
 *
 * What each source does that needs undoing:
 * - Google Docs wraps everything in <b style="font-weight:normal" id="docs-internal-guid-…">, says
 *   bold/italic/raised with inline styles, and hot-links its images from googleusercontent.com.
 * - Word sends a whole document: <style>, <o:p>, conditional comments, list numbers as text in
 *   `mso-list:Ignore` spans, footnote markers whose "raised" lives in the <style> block, empty
 *   spacing paragraphs, images as file:/// paths on the writer's disk.
 * - News sites: <picture> with <source>s, buttons, SVG icons, share widgets, tracking attributes.
 *
 * Images: the newsroom's own (/media/ or an allowed origin) stay; data: images (what a browser
 * puts on the clipboard for a copied picture) are handed back to be uploaded through the media
 * pipeline, leaving a marker paragraph where each one was; every other image is dropped and
 * counted, so the editor can say how many. Nothing here fetches anything.
 */
import { isNewsroomImageUrl, normalizeUrl } from "@/lib/content/urls";

export type PastedDataImage = {
  /** Marker text left in the pasted HTML where the image was (a paragraph of its own). */
  marker: string;
  dataUrl: string;
  alt: string;
};

export type CleanedPaste = {
  html: string;
  /** Images left out: other sites' pictures, files on the writer's disk, unreadable data. */
  droppedImages: number;
  /** Pictures carried in the clipboard itself, to upload. */
  dataImages: PastedDataImage[];
};

export type CleanPasteOptions = {
  /** Origins an admin allows images from, besides /media/. */
  imageOrigins?: readonly string[];
  /** false: data: images are dropped and counted too (a drop, where the editor cannot place uploads). */
  importDataImages?: boolean;
  /** Builds a document from HTML; the browser's DOMParser unless given. */
  parseHtml?: (html: string) => Document;
};

/** Invisible separators around the marker, so it cannot collide with anything a writer pasted. */
export const PASTE_IMAGE_MARKER_PATTERN = /^\u2063dateline-paste-image-(\d+)\u2063$/;

/** At most this many pictures are uploaded from one paste; the rest are dropped and counted. */
export const MAX_PASTED_DATA_IMAGES = 20;

const DATA_IMAGE_PATTERN = /^data:image\/(?:png|jpeg|gif|webp);base64,[A-Za-z0-9+/=\s]+$/i;

// Never content: scripts and styles, Word's XML islands, news sites' widgets and icons.
const REMOVED_ELEMENTS = "script, style, noscript, template, meta, link, title, xml, iframe, object, embed, svg, canvas, button, input, select, textarea, form, source, video, audio";

function markerFor(index: number): string {
  return `\u2063dateline-paste-image-${index}\u2063`;
}

function defaultParse(html: string): Document {
  return new DOMParser().parseFromString(html, "text/html");
}

function styleOf(element: Element): string {
  return (element.getAttribute("style") ?? "").toLowerCase().replace(/\s+/g, "");
}

function unwrap(element: Element): void {
  const parent = element.parentNode;
  if (!parent) return;
  while (element.firstChild) parent.insertBefore(element.firstChild, element);
  parent.removeChild(element);
}

function removeComments(root: Node): void {
  const doc = root.ownerDocument ?? (root as Document);
  const walker = doc.createTreeWalker(root, 128 /* NodeFilter.SHOW_COMMENT */);
  const comments: Node[] = [];
  while (walker.nextNode()) comments.push(walker.currentNode);
  for (const comment of comments) comment.parentNode?.removeChild(comment);
}

function isWordNamespaced(element: Element): boolean {
  // <o:p>, <v:shape>, <w:sdt>…: HTML parsing keeps the prefix in the tag name.
  return element.tagName.includes(":");
}

function isBoldElement(element: Element): boolean {
  const style = styleOf(element);
  const weight = /(?:^|;)font-weight:([a-z0-9]+)/.exec(style)?.[1];
  if (weight) return weight === "bold" || weight === "bolder" || Number(weight) >= 600;
  return element.tagName === "B" || element.tagName === "STRONG";
}

/** Every visible character of `cell` sits inside bold formatting. */
function isAllBold(cell: Element): boolean {
  if (!cell.textContent?.trim()) return false;
  const doc = cell.ownerDocument;
  const walker = doc.createTreeWalker(cell, 4 /* NodeFilter.SHOW_TEXT */);
  while (walker.nextNode()) {
    const text = walker.currentNode;
    if (!text.textContent?.trim()) continue;
    let bold = false;
    for (let at = text.parentElement; at && at !== cell.parentElement; at = at.parentElement) {
      if (isBoldElement(at)) {
        bold = true;
        break;
      }
    }
    if (!bold) return false;
  }
  return true;
}

function removeBold(cell: Element): void {
  for (const element of Array.from(cell.querySelectorAll("b, strong"))) unwrap(element);
  for (const element of Array.from(cell.querySelectorAll("[style]"))) {
    (element as HTMLElement).style?.removeProperty("font-weight");
  }
}

/**
 * Docs and Word have no header cells: a writer marks the header row by making it bold. A table
 * whose first row is bold throughout gets that row as its header row (<th>), which is what
 * screen readers announce with every cell below it.
 */
function promoteHeaderRows(root: Element): void {
  for (const table of Array.from(root.querySelectorAll("table"))) {
    const rows = Array.from(table.querySelectorAll("tr")).filter((row) => row.closest("table") === table);
    if (rows.length < 2) continue;
    const cells = Array.from(rows[0].children).filter((cell) => cell.tagName === "TD" || cell.tagName === "TH");
    if (cells.length === 0 || cells.some((cell) => cell.tagName === "TH")) continue;
    if (!cells.every(isAllBold)) continue;
    for (const cell of cells) {
      const header = cell.ownerDocument.createElement("th");
      for (const name of ["colspan", "rowspan"]) {
        const value = cell.getAttribute(name);
        if (value) header.setAttribute(name, value);
      }
      while (cell.firstChild) header.appendChild(cell.firstChild);
      removeBold(header);
      cell.replaceWith(header);
    }
  }
}

/** Word's list paragraphs (`mso-list:l0 level1 lfo1`) back into real lists. */
function rebuildWordLists(root: Element): void {
  // "mso-list:l1 level1 lfo2": l1 names the list; a change of name starts another list.
  const listId = (element: Element | null) =>
    element && element.tagName === "P" ? (/mso-list:(l\d+)level\d+lfo\d+/.exec(styleOf(element))?.[1] ?? null) : null;
  for (const first of Array.from(root.querySelectorAll("p"))) {
    const id = listId(first);
    if (!id || !first.isConnected || listId(previousElement(first)) === id) continue;
    const run: Element[] = [first];
    for (let next = nextElement(first); next && listId(next) === id; next = nextElement(next)) run.push(next);
    const numberText = first.querySelector("[style*='mso-list']")?.textContent?.trim() ?? "";
    const list = first.ownerDocument.createElement(/^[(\[]?[0-9a-zA-Z]{1,4}[.)\]]$/.test(numberText) ? "ol" : "ul");
    first.before(list);
    for (const paragraph of run) {
      // The number or bullet Word typed out: real lists draw their own.
      for (const ignored of Array.from(paragraph.querySelectorAll("[style]"))) {
        if (/mso-list:ignore/.test(styleOf(ignored))) ignored.remove();
      }
      const item = paragraph.ownerDocument.createElement("li");
      const p = paragraph.ownerDocument.createElement("p");
      while (paragraph.firstChild) p.appendChild(paragraph.firstChild);
      item.appendChild(p);
      list.appendChild(item);
      paragraph.remove();
    }
  }
}

function previousElement(element: Element): Element | null {
  let at = element.previousSibling;
  while (at && at.nodeType === 3 && !at.textContent?.trim()) at = at.previousSibling;
  return at && at.nodeType === 1 ? (at as Element) : null;
}

function nextElement(element: Element): Element | null {
  let at = element.nextSibling;
  while (at && at.nodeType === 3 && !at.textContent?.trim()) at = at.nextSibling;
  return at && at.nodeType === 1 ? (at as Element) : null;
}

function cleanLinks(root: Element): void {
  for (const anchor of Array.from(root.querySelectorAll("a"))) {
    const raw = anchor.getAttribute("href");
    // "#_ftn1", "#ftnt1": anchors into the source document, which do not exist in a story.
    const href = raw && !raw.trim().startsWith("#") ? normalizeUrl(raw) : null;
    if (!href) {
      unwrap(anchor);
      continue;
    }
    const title = anchor.getAttribute("title");
    for (const attribute of Array.from(anchor.attributes)) anchor.removeAttribute(attribute.name);
    anchor.setAttribute("href", href);
    if (title?.trim()) anchor.setAttribute("title", title.trim());
  }
}

function placeForFigure(image: Element): Element {
  // A figure is a block of its own: it cannot stay inside a table cell or a heading.
  return image.closest("table") ?? image.closest("h1, h2, h3, h4, h5, h6") ?? image.closest("p") ?? image;
}

function cleanImages(root: Element, options: CleanPasteOptions): Pick<CleanedPaste, "droppedImages" | "dataImages"> {
  let droppedImages = 0;
  const dataImages: PastedDataImage[] = [];
  for (const image of Array.from(root.querySelectorAll("img"))) {
    const src = (image.getAttribute("src") ?? "").trim();
    if (isNewsroomImageUrl(src, options.imageOrigins ?? [])) continue;
    const importable = options.importDataImages !== false && DATA_IMAGE_PATTERN.test(src) && dataImages.length < MAX_PASTED_DATA_IMAGES;
    if (importable) {
      const marker = markerFor(dataImages.length);
      dataImages.push({ marker, dataUrl: src.replace(/\s+/g, ""), alt: (image.getAttribute("alt") ?? "").trim().slice(0, 2000) });
      const paragraph = image.ownerDocument.createElement("p");
      paragraph.textContent = marker;
      const place = placeForFigure(image);
      if (place === image) image.replaceWith(paragraph);
      else {
        place.after(paragraph);
        image.remove();
      }
      continue;
    }
    droppedImages++;
    // A news site's <figure> is the picture with its caption and credit: without the picture they
    // describe nothing. Docs and Word images have no figure; only the image goes.
    const figure = image.closest("figure");
    if (figure && figure.querySelectorAll("img").length === 1) figure.remove();
    else image.remove();
  }
  // A <picture> or Docs' sized <span> that held a dropped image is now an empty box.
  for (const holder of Array.from(root.querySelectorAll("picture"))) holder.remove();
  return { droppedImages, dataImages };
}

/**
 * Line breaks between blocks (Docs puts a <br> after every table and image, Word before its
 * footnotes) would become empty paragraphs; inside text they stay line breaks.
 */
function removeBlockLevelBreaks(root: Element): void {
  for (const br of Array.from(root.querySelectorAll("br"))) {
    if (!br.closest("p, li, td, th, h1, h2, h3, h4, h5, h6, blockquote, figcaption, pre, caption")) br.remove();
  }
}

function removeEmptyParagraphs(root: Element): void {
  for (const paragraph of Array.from(root.querySelectorAll("p"))) {
    if (paragraph.closest("td, th, li")) continue;
    if (paragraph.textContent?.replace(/[\s\u00A0]+/g, "") === "" && !paragraph.querySelector("img, br")) paragraph.remove();
  }
}

export function cleanPastedHtml(html: string, options: CleanPasteOptions = {}): CleanedPaste {
  const doc = (options.parseHtml ?? defaultParse)(html);
  const body = doc.body;
  removeComments(body);
  for (const element of Array.from(body.querySelectorAll(REMOVED_ELEMENTS))) element.remove();
  // Text for screen readers only ("Image caption, "): the writer never saw it on the page.
  for (const element of Array.from(body.querySelectorAll("[class]"))) {
    if (/(?:^|[\s-])(?:visually-?hidden|sr-only|screen-reader-text)(?:$|[\s-])/i.test(element.getAttribute("class") ?? "")) element.remove();
  }
  for (const element of Array.from(body.querySelectorAll("*")).filter(isWordNamespaced)) {
    // <o:p> holds Word's paragraph-mark spacing; <v:*> a second copy of an image (the <img> counts).
    if (element.tagName.startsWith("V:") || element.tagName === "O:P") element.remove();
    else unwrap(element);
  }
  for (const wrapper of Array.from(body.querySelectorAll("b[id^='docs-internal-guid']"))) unwrap(wrapper);

  rebuildWordLists(body);
  // Word keeps "raised" for footnote and endnote markers in its <style> block, which is gone.
  for (const marker of Array.from(body.querySelectorAll(".MsoFootnoteReference, .MsoEndnoteReference"))) {
    if (marker.parentElement?.closest(".MsoFootnoteReference, .MsoEndnoteReference, sup")) continue;
    const sup = doc.createElement("sup");
    marker.replaceWith(sup);
    sup.appendChild(marker);
  }
  for (const title of Array.from(body.querySelectorAll("p.MsoTitle"))) {
    const heading = doc.createElement("h1");
    while (title.firstChild) heading.appendChild(title.firstChild);
    title.replaceWith(heading);
  }

  const images = cleanImages(body, options);
  cleanLinks(body);
  promoteHeaderRows(body);
  removeBlockLevelBreaks(body);
  removeEmptyParagraphs(body);
  return { html: body.innerHTML, ...images };
}

/** A pasted data: image as a file for the upload endpoint; null when it is not one we accept. */
export function dataUrlToFile(dataUrl: string, name: string): File | null {
  const match = /^data:(image\/(?:png|jpeg|gif|webp));base64,([A-Za-z0-9+/=]+)$/i.exec(dataUrl);
  if (!match) return null;
  try {
    const binary = atob(match[2]);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    const type = match[1].toLowerCase();
    return new File([bytes], `${name}.${type.slice("image/".length).replace("jpeg", "jpg")}`, { type });
  } catch {
    return null;
  }
}
