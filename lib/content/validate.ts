/**
 * Deep validation of a story body before it is stored (architecture rule 5). Pure TypeScript:
 * safe to import from server actions and from client components (e.g. to pre-check a paste).
 *
 * Order matters: the cheap iterative limits run first, because every later step (JSON.stringify,
 * zod, Node.fromJSON, check) recurses and a hostile payload must not reach them.
 */
import { getSchema, type JSONContent } from "@tiptap/core";
import { Node as ProseMirrorNode, type Mark, type Schema } from "@tiptap/pm/model";

import { CONTENT_MARK_NAMES, CONTENT_NODE_NAMES, contentExtensions, HEADING_LEVELS } from "./extensions";
import { checkBodyLimits, LIMIT_MESSAGES, MAX_BODY_BYTES, MAX_CELL_SPAN, MAX_TABLE_CAPTION, measureUtf8Bytes } from "./limits";
import { storyNodeSchema, type StoryMarkJson, type StoryNodeJson } from "./schemas";
import { countWords, docToPlainText, emptyDoc } from "./text";
import { imageHostOf, isNewsroomImageUrl, isSafeImageUrl, isSafeUrl, normalizeUrl } from "./urls";

export { emptyDoc };

export interface ValidateStoryBodyOptions {
  /**
   * Origins (e.g. "https://images.example.org") an admin allows story images from, besides the
   * newsroom's own /media/. The server passes `getEnv().imageOrigins`; without it only /media/ is allowed.
   */
  imageOrigins?: readonly string[];
}

export type ValidateStoryBodyResult =
  | { ok: true; doc: JSONContent; text: string; wordCount: number }
  | { ok: false; message: string };

export const VALIDATION_MESSAGES = {
  notDocument: "The story body must be a document.",
  malformed: "The story body is not in a format the editor produces.",
  unsafeLink: "Links may only use http, https, mailto or tel addresses.",
  unsafeImage: "Images may only use http, https or site-relative addresses.",
  foreignImage:
    "Images must come from the newsroom's media library: upload the picture with Insert image instead of linking to another site.",
  headingLevel: "Headings must be level 2, 3 or 4.",
  emptyText: "The story body contains an empty piece of text.",
  invalid: "The story body could not be checked. Please copy your text, reload the editor and try again.",
} as const;

const NODE_LABELS: Record<string, string> = {
  doc: "the document",
  paragraph: "a paragraph",
  text: "text",
  heading: "a heading",
  bulletList: "a bulleted list",
  orderedList: "a numbered list",
  listItem: "a list item",
  blockquote: "a quotation",
  pullQuote: "a pull quote",
  horizontalRule: "a divider",
  hardBreak: "a line break",
  figure: "an image",
  table: "a table",
  tableRow: "a table row",
  tableHeader: "a table header cell",
  tableCell: "a table cell",
  bold: "bold text",
  italic: "italic text",
  link: "a link",
  superscript: "superscript text",
  subscript: "subscript text",
};

const MAX_TEXT_ATTR_LENGTH = 2000;
const MAX_DIMENSION = 100_000;
const ORDERED_LIST_TYPES = new Set(["1", "a", "A", "i", "I"]);

let cachedSchema: Schema | undefined;

/** The ProseMirror schema built from the one extension list, created once per process/tab. */
export function getContentSchema(): Schema {
  cachedSchema ??= getSchema(contentExtensions);
  return cachedSchema;
}

class RefusalError extends Error {}

function refuse(message: string): never {
  throw new RefusalError(message);
}

/** Type names come from the client; keep them short and printable before quoting them back. */
function quoteName(name: string): string {
  const printable = name.replace(/[^\p{L}\p{N}_\-.:]/gu, "").slice(0, 40);
  return printable ? `"${printable}"` : "(unnamed)";
}

function describe(name: string): string {
  return NODE_LABELS[name] ?? quoteName(name);
}

function allowedAttributeNames(spec: { attrs?: Record<string, unknown> }): Set<string> {
  return new Set(Object.keys(spec.attrs ?? {}));
}

function checkAttributeNames(
  attrs: Record<string, unknown> | undefined,
  allowed: Set<string>,
  ownerName: string,
): void {
  if (!attrs) return;
  for (const key of Object.keys(attrs)) {
    // Checked by hand because ProseMirror silently drops unknown attributes when it builds a
    // node, and its own check uses `in`, which lets "toString" and friends through.
    if (!allowed.has(key)) {
      refuse(`The story body contains an unsupported setting ${quoteName(key)} on ${describe(ownerName)}.`);
    }
  }
}

/** Names, shapes and attribute names, on the raw JSON, before ProseMirror can normalise them away. */
function checkRawTree(root: StoryNodeJson, schema: Schema): void {
  const knownNodes = new Set<string>(CONTENT_NODE_NAMES);
  const knownMarks = new Set<string>(CONTENT_MARK_NAMES);
  const stack: StoryNodeJson[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as StoryNodeJson;
    const nodeType = Object.prototype.hasOwnProperty.call(schema.nodes, node.type) ? schema.nodes[node.type] : undefined;
    if (!nodeType || !knownNodes.has(node.type)) {
      refuse(`The story body contains an unsupported element: ${quoteName(node.type)}.`);
    }
    if (node.type === "text") {
      if (typeof node.text !== "string") refuse(VALIDATION_MESSAGES.malformed);
      if (node.text.length === 0) refuse(VALIDATION_MESSAGES.emptyText);
      if (node.content !== undefined) refuse(VALIDATION_MESSAGES.malformed);
    } else if (node.text !== undefined) {
      refuse(VALIDATION_MESSAGES.malformed);
    }
    checkAttributeNames(node.attrs, allowedAttributeNames(nodeType.spec), node.type);
    for (const mark of node.marks ?? []) checkRawMark(mark, schema, knownMarks);
    if (node.content) for (let i = node.content.length - 1; i >= 0; i--) stack.push(node.content[i]);
  }
}

function checkRawMark(mark: StoryMarkJson, schema: Schema, knownMarks: Set<string>): void {
  const markType = Object.prototype.hasOwnProperty.call(schema.marks, mark.type) ? schema.marks[mark.type] : undefined;
  if (!markType || !knownMarks.has(mark.type)) {
    refuse(`The story body contains unsupported formatting: ${quoteName(mark.type)}.`);
  }
  checkAttributeNames(mark.attrs, allowedAttributeNames(markType.spec), mark.type);
}

function isOptionalText(value: unknown): boolean {
  return value === null || (typeof value === "string" && value.length <= MAX_TEXT_ATTR_LENGTH);
}

function isDimension(value: unknown): boolean {
  return value === null || (Number.isInteger(value) && (value as number) > 0 && (value as number) <= MAX_DIMENSION);
}

function checkMarkValues(mark: Mark): void {
  if (mark.type.name !== "link") return;
  const { href, target, rel, title } = mark.attrs as Record<string, unknown>;
  if (typeof href !== "string" || !isSafeUrl(href)) refuse(VALIDATION_MESSAGES.unsafeLink);
  // target/rel/class arrive from pasted HTML; render.ts ignores them, but they are still stored.
  if (!isOptionalText(target) || !isOptionalText(rel) || !isOptionalText(mark.attrs.class) || !isOptionalText(title)) {
    refuse(`The story body contains a link with an invalid setting.`);
  }
}

function foreignImageMessage(src: string): string {
  const host = imageHostOf(src);
  return host
    ? `An image comes from another site (${host.slice(0, 100)}). ${VALIDATION_MESSAGES.foreignImage}`
    : VALIDATION_MESSAGES.foreignImage;
}

function isSpan(value: unknown): boolean {
  return Number.isInteger(value) && (value as number) >= 1 && (value as number) <= MAX_CELL_SPAN;
}

/** Attribute values, on the rebuilt node, where defaults have been filled in. */
function checkNodeValues(node: ProseMirrorNode, options: ValidateStoryBodyOptions): void {
  const attrs = node.attrs as Record<string, unknown>;
  switch (node.type.name) {
    case "heading":
      if (!(HEADING_LEVELS as readonly unknown[]).includes(attrs.level)) refuse(VALIDATION_MESSAGES.headingLevel);
      break;
    case "orderedList":
      if (!Number.isInteger(attrs.start) || (attrs.start as number) < 0 || (attrs.start as number) > MAX_DIMENSION) {
        refuse("A numbered list has an invalid starting number.");
      }
      if (attrs.type !== null && !ORDERED_LIST_TYPES.has(attrs.type as string)) {
        refuse("A numbered list has an invalid numbering style.");
      }
      break;
    case "figure":
      if (typeof attrs.src !== "string" || !isSafeImageUrl(attrs.src)) refuse(VALIDATION_MESSAGES.unsafeImage);
      for (const [key, label] of [["alt", "description (alt text)"], ["caption", "caption"], ["credit", "credit"]] as const) {
        if (typeof attrs[key] !== "string" || (attrs[key] as string).length > MAX_TEXT_ATTR_LENGTH) {
          refuse(`An image ${label} must be text of at most ${MAX_TEXT_ATTR_LENGTH.toLocaleString("en")} characters.`);
        }
      }
      if (!isDimension(attrs.width) || !isDimension(attrs.height)) refuse("An image has an invalid width or height.");
      if (attrs.mediaId !== null && (typeof attrs.mediaId !== "string" || attrs.mediaId.length > 100)) {
        refuse("An image has an invalid media reference.");
      }
      // Readers' browsers would fetch a third-party picture (tracking, and it can change after
      // review): only our own uploads, or an origin the admin allowed.
      if (!isNewsroomImageUrl(attrs.src, options.imageOrigins)) refuse(foreignImageMessage(attrs.src));
      break;
    case "table":
      if (typeof attrs.caption !== "string" || attrs.caption.length > MAX_TABLE_CAPTION) {
        refuse(`A table caption must be text of at most ${MAX_TABLE_CAPTION} characters.`);
      }
      break;
    case "tableHeader":
    case "tableCell":
      if (!isSpan(attrs.colspan) || !isSpan(attrs.rowspan)) {
        refuse(`A table cell may span between 1 and ${MAX_CELL_SPAN} rows or columns.`);
      }
      break;
  }
  for (const mark of node.marks) checkMarkValues(mark);
}

function checkStructure(doc: ProseMirrorNode, options: ValidateStoryBodyOptions): void {
  const visit = (node: ProseMirrorNode): boolean => {
    if (!node.type.validContent(node.content)) {
      refuse(`The story body has content that is not allowed inside ${describe(node.type.name)}.`);
    }
    // Marks are allowed or not by the parent (a pull quote could forbid links in its text).
    node.forEach((child) => {
      if (!node.type.allowsMarks(child.marks)) {
        refuse(`The story body has formatting that is not allowed inside ${describe(node.type.name)}.`);
      }
    });
    checkNodeValues(node, options);
    return true;
  };
  visit(doc);
  doc.descendants(visit);
  // ProseMirror's own check as a backstop (duplicate marks, attribute validators, …).
  try {
    doc.check();
  } catch {
    refuse(VALIDATION_MESSAGES.malformed);
  }
}

/**
 * Links are stored as readers will follow them: "example.org/bread" typed or pasted without a
 * scheme would otherwise be a relative link that 404s on our own site.
 */
function normalizeLinkHrefs(doc: ProseMirrorNode): ProseMirrorNode {
  const schema = doc.type.schema;
  let changed = false;
  const json = doc.toJSON() as StoryNodeJson;
  const stack: StoryNodeJson[] = [json];
  while (stack.length > 0) {
    const node = stack.pop() as StoryNodeJson;
    for (const mark of node.marks ?? []) {
      if (mark.type !== "link" || typeof mark.attrs?.href !== "string") continue;
      const href = normalizeUrl(mark.attrs.href);
      if (href && href !== mark.attrs.href) {
        mark.attrs = { ...mark.attrs, href };
        changed = true;
      }
    }
    if (node.content) stack.push(...node.content);
  }
  return changed ? ProseMirrorNode.fromJSON(schema, json) : doc;
}

function validateOrThrow(input: unknown, options: ValidateStoryBodyOptions): ValidateStoryBodyResult {
  if (input === null || typeof input !== "object" || Array.isArray(input)) {
    return { ok: false, message: VALIDATION_MESSAGES.notDocument };
  }
  const limits = checkBodyLimits(input);
  if (!limits.ok) return { ok: false, message: LIMIT_MESSAGES[limits.reason] };
  // The walk above is a lower bound; this is the real size of what we would store.
  if (measureUtf8Bytes(JSON.stringify(input)) > MAX_BODY_BYTES) {
    return { ok: false, message: LIMIT_MESSAGES.tooLarge };
  }

  const parsed = storyNodeSchema.safeParse(input);
  if (!parsed.success) return { ok: false, message: VALIDATION_MESSAGES.malformed };
  let json = parsed.data;
  if (json.type !== "doc") return { ok: false, message: VALIDATION_MESSAGES.notDocument };
  // A document with no blocks is what an emptied editor might send; it means "empty story".
  if (!json.content || json.content.length === 0) json = { ...json, content: emptyDoc().content as StoryNodeJson[] };

  const schema = getContentSchema();
  checkRawTree(json, schema);

  let doc: ProseMirrorNode;
  try {
    doc = ProseMirrorNode.fromJSON(schema, json);
  } catch {
    return { ok: false, message: VALIDATION_MESSAGES.malformed };
  }
  checkStructure(doc, options);

  const normalized = normalizeLinkHrefs(doc).toJSON() as JSONContent;
  const text = docToPlainText(normalized);
  return { ok: true, doc: normalized, text, wordCount: countWords(text) };
}

/**
 * Checks an untrusted story body and returns it normalised exactly as ProseMirror serialises
 * it, with its plain text and word count. Never throws; messages are safe to show to users.
 */
export function validateStoryBody(input: unknown, options: ValidateStoryBodyOptions = {}): ValidateStoryBodyResult {
  try {
    return validateOrThrow(input, options);
  } catch (error) {
    if (error instanceof RefusalError) return { ok: false, message: error.message };
    // Getters that throw, a stack overflow we did not foresee, a library bug: the raw text of
    // such errors is for the server log of the caller, never for the reporter's screen.
    return { ok: false, message: VALIDATION_MESSAGES.invalid };
  }
}
