/**
 * THE extension list for story rich text. The browser editor (components/editor) and the server
 * (validate.ts, via getSchema) both build their schema from `contentExtensions`, so the editor
 * can never produce a node the server does not know, and vice versa.
 *
 * Node and mark names are stored in the database inside every story body and revision: renaming
 * one orphans existing content. Add new names; never rename or remove old ones without a
 * migration.
 */
import { mergeAttributes, Node, type AnyExtension } from "@tiptap/core";
import Heading from "@tiptap/extension-heading";
import Link from "@tiptap/extension-link";
import StarterKit from "@tiptap/starter-kit";

import { trailingPunctuationAutolink } from "./autolink-punctuation";
import { Subscript, Superscript } from "./script-marks";
import { Table, TableCell, TableHeader, TableRow } from "./table-nodes";
import { isSafeImageUrl, isSafeUrl } from "./urls";

export const HEADING_LEVELS = [2, 3, 4] as const;
export type HeadingLevel = (typeof HEADING_LEVELS)[number];

/** Every node type the schema contains, in no particular order. Stored in the database. */
export const CONTENT_NODE_NAMES = [
  "doc",
  "paragraph",
  "text",
  "heading",
  "bulletList",
  "orderedList",
  "listItem",
  "blockquote",
  "pullQuote",
  "horizontalRule",
  "hardBreak",
  "figure",
  "table",
  "tableRow",
  "tableHeader",
  "tableCell",
] as const;

/** Every mark type the schema contains. Stored in the database. */
export const CONTENT_MARK_NAMES = ["bold", "italic", "link", "superscript", "subscript"] as const;

export type ContentNodeName = (typeof CONTENT_NODE_NAMES)[number];
export type ContentMarkName = (typeof CONTENT_MARK_NAMES)[number];

export interface FigureAttributes {
  src: string;
  alt: string;
  caption: string;
  credit: string;
  width: number | null;
  height: number | null;
  mediaId: string | null;
}

export const FIGURE_DEFAULTS: Readonly<FigureAttributes> = Object.freeze({
  src: "",
  alt: "",
  caption: "",
  credit: "",
  width: null,
  height: null,
  mediaId: null,
});

declare module "@tiptap/core" {
  interface Commands<ReturnType> {
    pullQuote: {
      /** Turns the current text block into a pull quote, or back into a paragraph. */
      togglePullQuote: () => ReturnType;
    };
    figure: {
      /** Inserts a figure; refuses (returns false) when `src` is not an allowed image URL. */
      insertFigure: (attributes: Partial<FigureAttributes> & { src: string }) => ReturnType;
    };
  }
}

/**
 * A pull quote is a display element, not a citation: it repeats a line of the story in large
 * type, so it is an <aside> (skippable by assistive tech) rather than a <blockquote>.
 */
export const PullQuote = Node.create({
  name: "pullQuote",
  group: "block",
  content: "inline*",
  defining: true,

  parseHTML() {
    return [
      {
        tag: "aside.pull-quote",
        // ProseMirror does not fall back when a selector finds nothing, and pasted asides may
        // hold their text directly.
        contentElement: (node) => (node as HTMLElement).querySelector("p") ?? (node as HTMLElement),
      },
    ];
  },

  renderHTML({ HTMLAttributes }) {
    return ["aside", mergeAttributes(HTMLAttributes, { class: "pull-quote" }), ["p", 0]];
  },

  addCommands() {
    return {
      togglePullQuote:
        () =>
        ({ commands }) =>
          commands.toggleNode(this.name, "paragraph"),
    };
  },
});

type ParsedElement = HTMLElement;

function findImage(element: ParsedElement): HTMLImageElement | null {
  if (element.tagName === "IMG") return element as HTMLImageElement;
  return element.querySelector("img");
}

function readDimension(element: ParsedElement, name: "width" | "height"): number | null {
  const raw = findImage(element)?.getAttribute(name);
  if (!raw || !/^\d{1,5}$/.test(raw)) return null;
  const value = Number.parseInt(raw, 10);
  return value > 0 ? value : null;
}

function readCaption(element: ParsedElement): string | null {
  const figcaption = element.querySelector?.("figcaption");
  if (!figcaption) return null;
  const clone = figcaption.cloneNode(true) as HTMLElement;
  clone.querySelector(".credit")?.remove();
  return clone.textContent?.trim() || null;
}

/**
 * An image with its caption and credit, edited as one unit (an atom) so the editor cannot split
 * a caption from its picture. `mediaId` points at the media library row when the image came
 * from there; pasted images keep `mediaId: null`.
 */
export const Figure = Node.create({
  name: "figure",
  group: "block",
  atom: true,
  selectable: true,
  draggable: true,

  addAttributes() {
    return {
      src: {
        default: FIGURE_DEFAULTS.src,
        rendered: false,
        parseHTML: (element: ParsedElement) => {
          const src = findImage(element)?.getAttribute("src") ?? "";
          return isSafeImageUrl(src) ? src : null;
        },
      },
      alt: {
        default: FIGURE_DEFAULTS.alt,
        rendered: false,
        parseHTML: (element: ParsedElement) => findImage(element)?.getAttribute("alt") ?? null,
      },
      caption: {
        default: FIGURE_DEFAULTS.caption,
        rendered: false,
        parseHTML: readCaption,
      },
      credit: {
        default: FIGURE_DEFAULTS.credit,
        rendered: false,
        parseHTML: (element: ParsedElement) =>
          element.querySelector?.("figcaption .credit")?.textContent?.trim() || null,
      },
      width: {
        default: FIGURE_DEFAULTS.width,
        rendered: false,
        parseHTML: (element: ParsedElement) => readDimension(element, "width"),
      },
      height: {
        default: FIGURE_DEFAULTS.height,
        rendered: false,
        parseHTML: (element: ParsedElement) => readDimension(element, "height"),
      },
      mediaId: {
        default: FIGURE_DEFAULTS.mediaId,
        rendered: false,
        parseHTML: (element: ParsedElement) => element.getAttribute("data-media-id") || null,
      },
    };
  },

  parseHTML() {
    // A figure or a bare image without a usable src is dropped rather than kept empty: an
    // empty figure would only be refused by the server on the next save.
    const hasSafeImage = (element: string | ParsedElement) => {
      if (typeof element === "string") return false;
      const src = findImage(element)?.getAttribute("src") ?? "";
      return isSafeImageUrl(src) ? null : false;
    };
    return [
      { tag: "figure", getAttrs: hasSafeImage },
      { tag: "img[src]", getAttrs: hasSafeImage },
    ];
  },

  renderHTML({ node }) {
    const attrs = node.attrs as FigureAttributes;
    const src = typeof attrs.src === "string" && isSafeImageUrl(attrs.src) ? attrs.src : null;
    const captionParts: Array<string | [string, Record<string, string>, string]> = [];
    if (attrs.caption) captionParts.push(attrs.caption);
    if (attrs.caption && attrs.credit) captionParts.push(" ");
    if (attrs.credit) captionParts.push(["small", { class: "credit" }, attrs.credit]);
    const image = ["img", { src, alt: attrs.alt ?? "", width: attrs.width, height: attrs.height }];
    return captionParts.length > 0
      ? ["figure", { "data-media-id": attrs.mediaId }, image, ["figcaption", {}, ...captionParts]]
      : ["figure", { "data-media-id": attrs.mediaId }, image];
  },

  addCommands() {
    return {
      insertFigure:
        (attributes) =>
        ({ commands }) => {
          if (!isSafeImageUrl(attributes.src)) return false;
          return commands.insertContent({ type: this.name, attrs: { ...FIGURE_DEFAULTS, ...attributes } });
        },
    };
  },
});

/**
 * Autolinking must not turn text into a link the server would then refuse; the extension's own
 * default also skips bare IP addresses and single-word hosts, which we keep.
 */
function shouldAutoLinkUrl(url: string): boolean {
  if (!isSafeUrl(url)) return false;
  if (/^[a-z][a-z0-9+.-]*:/i.test(url)) return true;
  const host = (url.includes("@") ? url.slice(url.lastIndexOf("@") + 1) : url).split(/[/?#:]/)[0];
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(host)) return false;
  return host.includes(".");
}

export const linkOptions = {
  // Reporters click links to edit them, not to leave the desk mid-sentence.
  openOnClick: false,
  autolink: true,
  linkOnPaste: true,
  defaultProtocol: "https",
  // Stored attrs stay null; render.ts decides rel/target at publish time, not the editor.
  HTMLAttributes: { target: null, rel: null, class: null },
  isAllowedUri: (url: string | undefined) => typeof url === "string" && isSafeUrl(url),
  shouldAutoLink: shouldAutoLinkUrl,
} as const;

/**
 * Story headings start at level 2 (the page's <h1> is the headline). Pasted text from Docs, Word
 * or a web page uses h1 for its top heading: that becomes our top level, as h5/h6 become our
 * lowest, instead of falling back to a paragraph.
 */
const StoryHeading = Heading.extend({
  parseHTML() {
    const top = HEADING_LEVELS[0];
    const bottom = HEADING_LEVELS[HEADING_LEVELS.length - 1];
    return [
      { tag: "h1", attrs: { level: top } },
      ...HEADING_LEVELS.map((level) => ({ tag: `h${level}`, attrs: { level } })),
      { tag: "h5", attrs: { level: bottom } },
      { tag: "h6", attrs: { level: bottom } },
    ];
  },
});

/**
 * Tiptap makes an autolinking link mark inclusive, so a full stop or a word typed straight after a
 * link became part of it. A link ends where it ends; text typed after it is plain text. And a link
 * typed at the end of a sentence ("example.org/bread.") is linked without its full stop.
 */
const StoryLink = Link.extend({
  inclusive: () => false,

  addProseMirrorPlugins() {
    const plugins = this.parent?.() ?? [];
    if (!this.options.autolink) return plugins;
    return [
      ...plugins,
      trailingPunctuationAutolink({
        type: this.type,
        defaultProtocol: this.options.defaultProtocol,
        isAllowed: (url) => linkOptions.isAllowedUri(url) && linkOptions.shouldAutoLink(url),
      }),
    ];
  },
});

export const contentExtensions: AnyExtension[] = [
  StarterKit.configure({
    heading: false,
    link: false,
    code: false,
    codeBlock: false,
    strike: false,
    underline: false,
    // Undo and redo come from the shared document (Tiptap's Collaboration extension), which
    // undoes only this person's own changes; StarterKit's history would undo other people's too.
    undoRedo: false,
  }),
  StoryHeading.configure({ levels: [...HEADING_LEVELS] }),
  StoryLink.configure(linkOptions),
  Superscript,
  Subscript,
  PullQuote,
  Figure,
  Table,
  TableRow,
  TableHeader,
  TableCell,
];
