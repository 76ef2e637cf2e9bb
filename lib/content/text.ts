/**
 * Plain-text views of a story body: search indexing, excerpts, word counts, reading time, and
 * importing plain-text copy (wire stories, pasted drafts) as a document.
 */
import type { JSONContent } from "@tiptap/core";

import { MAX_NODE_DEPTH } from "./limits";

/** A body with one empty paragraph: the shape the editor itself starts from. */
export function emptyDoc(): JSONContent {
  return { type: "doc", content: [{ type: "paragraph" }] };
}

function isInlineNode(node: JSONContent): boolean {
  return node.type === "text" || node.type === "hardBreak";
}

function collectInlineText(nodes: JSONContent[], depth: number): string {
  let out = "";
  for (const node of nodes) {
    if (node.type === "text") out += typeof node.text === "string" ? node.text : "";
    else if (node.type === "hardBreak") out += "\n";
    else if (Array.isArray(node.content) && depth < MAX_NODE_DEPTH) out += collectInlineText(node.content, depth + 1);
  }
  return out;
}

function collectBlocks(node: JSONContent, depth: number, blocks: string[]): void {
  // Depth is capped so that an unvalidated, hostile document cannot overflow the stack.
  if (depth > MAX_NODE_DEPTH || !node || typeof node !== "object") return;
  if (node.type === "figure") {
    const caption = typeof node.attrs?.caption === "string" ? node.attrs.caption.trim() : "";
    if (caption) blocks.push(caption);
    return;
  }
  // A table's caption is read before its cells, as on the page (and so search finds it).
  if (node.type === "table" && typeof node.attrs?.caption === "string" && node.attrs.caption.trim()) {
    blocks.push(node.attrs.caption.trim());
  }
  const children = Array.isArray(node.content) ? node.content : [];
  if (isInlineNode(node)) {
    const text = collectInlineText([node], depth).trim();
    if (text) blocks.push(text);
    return;
  }
  // A node holding inline content is a text block (paragraph, heading, pull quote, …).
  if (children.some((child) => child && isInlineNode(child))) {
    const text = collectInlineText(children, depth + 1).trim();
    if (text) blocks.push(text);
    return;
  }
  for (const child of children) collectBlocks(child, depth + 1, blocks);
}

/**
 * The readable text of a document, one block per paragraph separated by a blank line. Figure
 * captions are included (they are read); list markers and rules are not (they are not words).
 */
export function docToPlainText(doc: JSONContent): string {
  const blocks: string[] = [];
  collectBlocks(doc, 1, blocks);
  return blocks.join("\n\n");
}

// \s with the u flag covers every Unicode space separator plus line terminators and BOM;
// zero-width space is added because some sources use it as an invisible word separator.
const WORD_SEPARATOR = /[\s\u200B]+/u;
const HAS_WORD_CHARACTER = /[\p{L}\p{N}]/u;

/**
 * Counts whitespace-separated words in any script that separates words with spaces (Latin,
 * Arabic, Cyrillic, …). Tokens made only of punctuation, such as a lone dash, are not words.
 */
export function countWords(text: string): number {
  if (typeof text !== "string" || text.length === 0) return 0;
  let count = 0;
  for (const token of text.split(WORD_SEPARATOR)) {
    if (token && HAS_WORD_CHARACTER.test(token)) count++;
  }
  return count;
}

export const WORDS_PER_MINUTE = 200;

/** Whole minutes at 200 words a minute, rounded up, and never less than one. */
export function readingMinutes(words: number): number {
  if (!Number.isFinite(words) || words <= 0) return 1;
  return Math.max(1, Math.ceil(words / WORDS_PER_MINUTE));
}

/**
 * Imports plain text: a blank line separates paragraphs. Single line breaks become spaces,
 * because wire copy and e-mailed drafts are hard-wrapped at a fixed width, not at sentence ends.
 */
export function plainTextToDoc(text: string): JSONContent {
  if (typeof text !== "string") return emptyDoc();
  const cleaned = text
    .replace(/\r\n?/g, "\n")
    // Control characters other than tab and newline are invisible debris from copy and paste.
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, "");
  const paragraphs = cleaned
    .split(/\n[^\S\n]*\n/)
    .map((paragraph) => paragraph.replace(/\s+/g, " ").trim())
    .filter((paragraph) => paragraph.length > 0);
  if (paragraphs.length === 0) return emptyDoc();
  return {
    type: "doc",
    content: paragraphs.map((paragraph) => ({ type: "paragraph", content: [{ type: "text", text: paragraph }] })),
  };
}
