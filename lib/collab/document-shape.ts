/**
 * The shape of a story's shared document, and its conversion to and from the story's working
 * copy. Pure (no database): the server derives and validates with it, tests and the fuzzer build
 * documents with it, and the editor binding will use the same names.
 *
 * - `body`: a Y.XmlFragment holding the ProseMirror document (Tiptap's Collaboration extension
 *   with `field: "body"`), converted with y-prosemirror.
 * - `fields`: a Y.Map of every other field two people may change at once. Free text is a Y.Text
 *   (merged character by character, so two people typing in the headline both keep their words);
 *   choices are plain values (the later choice wins, as in a form).
 */
import * as Y from "yjs";
import { Node as ProseMirrorNode } from "@tiptap/pm/model";
import { prosemirrorJSONToYXmlFragment, updateYFragment, yXmlFragmentToProsemirrorJSON } from "y-prosemirror";
import type { JSONContent } from "@tiptap/core";
import { getContentSchema } from "@/lib/content/validate";
import { emptyDoc } from "@/lib/content/text";
import type { StoryDraft } from "@/lib/stories/schemas";

export { BODY_FIELD, FIELDS_MAP, TEXT_FIELDS, VALUE_FIELDS, replaceText } from "./shape-names";
import { BODY_FIELD, FIELDS_MAP, TEXT_FIELDS, VALUE_FIELDS, replaceText } from "./shape-names";

export type TextField = (typeof TEXT_FIELDS)[number];
export type ValueField = (typeof VALUE_FIELDS)[number];
export type SharedFields = Pick<StoryDraft, TextField | ValueField>;

const TEXT_FIELD_SET = new Set<string>(TEXT_FIELDS);
const VALUE_FIELD_SET = new Set<string>(VALUE_FIELDS);

export class ShapeError extends Error {}

/** The two top-level types every shared story document has, and nothing else. */
export function isKnownRootName(name: string): boolean {
  return name === BODY_FIELD || name === FIELDS_MAP;
}

/** The body as ProseMirror JSON, exactly as the editor bound to this document would hold it. */
export function readBodyJson(doc: Y.Doc): unknown {
  const json = yXmlFragmentToProsemirrorJSON(doc.getXmlFragment(BODY_FIELD)) as JSONContent;
  // An empty fragment is an empty story; the editor shows one empty paragraph for it.
  if (!json.content || json.content.length === 0) return emptyDoc();
  return json;
}

/**
 * The shared fields as plain values. Throws ShapeError for anything the editor would never
 * write: an unknown key, a text field that is not a Y.Text, a value of the wrong kind.
 */
export function readSharedFields(doc: Y.Doc): Partial<SharedFields> {
  const map = doc.getMap(FIELDS_MAP);
  const out: Record<string, unknown> = {};
  for (const [key, value] of map.entries()) {
    if (TEXT_FIELD_SET.has(key)) {
      if (!(value instanceof Y.Text)) throw new ShapeError(`The field ${key} must be shared text.`);
      out[key] = value.toString();
    } else if (VALUE_FIELD_SET.has(key)) {
      if (value instanceof Y.AbstractType) throw new ShapeError(`The field ${key} must be a plain value.`);
      out[key] = value;
    } else {
      throw new ShapeError("The story has a field the editor does not know.");
    }
  }
  return out as Partial<SharedFields>;
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Makes the document say what the working copy says, changing only what differs: a body
 * paragraph or a headline word nobody changed keeps its identity. Used for a new document and
 * to rebuild one from a story saved another way (the HTTP editor, a restore).
 */
export function writeWorkingCopy(doc: Y.Doc, story: SharedFields & { body: unknown }): void {
  doc.transact(() => {
    const fragment = doc.getXmlFragment(BODY_FIELD);
    const schema = getContentSchema();
    if (fragment.length === 0) {
      prosemirrorJSONToYXmlFragment(schema, story.body, fragment);
    } else {
      const node = ProseMirrorNode.fromJSON(schema, story.body);
      updateYFragment(doc, fragment, node, { mapping: new Map(), isOMark: new Map() });
    }
    const map = doc.getMap(FIELDS_MAP);
    for (const key of [...map.keys()]) {
      if (!TEXT_FIELD_SET.has(key) && !VALUE_FIELD_SET.has(key)) map.delete(key);
    }
    for (const key of TEXT_FIELDS) {
      const existing = map.get(key);
      if (existing instanceof Y.Text) replaceText(existing, story[key]);
      else map.set(key, new Y.Text(story[key]));
    }
    for (const key of VALUE_FIELDS) {
      if (!map.has(key) || !sameValue(map.get(key), story[key])) map.set(key, structuredClone(story[key]) as never);
    }
  });
}

/** True when the document holds no text: no body text or figure, no text in any field. */
export function isBlankDocument(doc: Y.Doc): boolean {
  const fields = doc.getMap(FIELDS_MAP);
  for (const key of TEXT_FIELDS) {
    const value = fields.get(key);
    if (value instanceof Y.Text && value.toString().trim() !== "") return false;
  }
  const body = readBodyJson(doc) as JSONContent;
  const hasContent = (node: JSONContent): boolean =>
    (node.type === "text" && (node.text ?? "").trim() !== "") || node.type === "figure" || (node.content ?? []).some(hasContent);
  return !hasContent(body);
}

/** A throw-away copy of a document (with anything still pending), to try an update on. */
export function cloneDocument(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc({ gc: true });
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}
