/**
 * The story's fields in the shared document (the `fields` map, lib/collab/shape-names.ts): read
 * as plain values for rendering, written as the smallest text edit (free text, merged character
 * by character) or as a whole value (choices: the later one wins).
 */
import * as Y from "yjs";
import { FIELDS_MAP, replaceText, TEXT_FIELDS, type VALUE_FIELDS } from "@/lib/collab/shape-names";
import { suggestSlug } from "@/lib/stories/slug";
import { LOCAL_FIELD_EDIT } from "./collab-session";

export type DraftByline = { userId: string | null; name: string };
export type TextFieldName = (typeof TEXT_FIELDS)[number];
export type ValueFieldName = (typeof VALUE_FIELDS)[number];

export type FieldValues = Record<TextFieldName, string> & {
  sectionId: string | null;
  language: string;
  featuredMediaId: string | null;
  tags: string[];
  bylines: DraftByline[];
};

export function readFieldValues(doc: Y.Doc, defaultLanguage: string): FieldValues {
  const map = doc.getMap(FIELDS_MAP);
  const text = (key: TextFieldName) => {
    const value = map.get(key);
    return value instanceof Y.Text ? value.toString() : "";
  };
  const list = <T>(key: string): T[] => (Array.isArray(map.get(key)) ? (map.get(key) as T[]) : []);
  const optional = (key: string) => (typeof map.get(key) === "string" ? (map.get(key) as string) : null);
  return {
    ...(Object.fromEntries(TEXT_FIELDS.map((key) => [key, text(key)])) as Record<TextFieldName, string>),
    sectionId: optional("sectionId"),
    language: optional("language") ?? defaultLanguage,
    featuredMediaId: optional("featuredMediaId"),
    tags: list<string>("tags"),
    bylines: list<DraftByline>("bylines"),
  };
}

/** The field's shared text, or null before the document has arrived. */
export function sharedText(doc: Y.Doc, key: TextFieldName): Y.Text | null {
  const value = doc.getMap(FIELDS_MAP).get(key);
  return value instanceof Y.Text ? value : null;
}

/** A slug that is empty or still the headline's suggestion follows the headline as it changes. */
export function slugFollowsHeadline(slug: string, headline: string): boolean {
  return slug === "" || slug === suggestSlug(headline);
}

export function writeText(doc: Y.Doc, key: TextFieldName, next: string): void {
  const text = sharedText(doc, key);
  if (!text) return;
  doc.transact(() => {
    if (key === "headline") {
      const slug = sharedText(doc, "slug");
      if (slug && slugFollowsHeadline(slug.toString(), text.toString())) replaceText(slug, next.trim() ? suggestSlug(next) : "");
    }
    replaceText(text, next);
  }, LOCAL_FIELD_EDIT);
}

export function writeValue<K extends ValueFieldName>(doc: Y.Doc, key: K, value: FieldValues[K]): void {
  doc.transact(() => doc.getMap(FIELDS_MAP).set(key, structuredClone(value) as never), LOCAL_FIELD_EDIT);
}

/**
 * Where a caret at `offset` belongs after a remote change to the text (a Y.Text delta), so that
 * someone typing in a field keeps their place while another person types before it.
 */
export function mapOffsetThroughDelta(offset: number, delta: Array<{ insert?: unknown; retain?: number; delete?: number }>): number {
  // retain and delete count characters of the old text; insert adds new ones at that point.
  let oldIndex = 0;
  let shift = 0;
  for (const op of delta) {
    if (oldIndex > offset) break;
    if (op.retain !== undefined) oldIndex += op.retain;
    else if (op.delete !== undefined) {
      if (oldIndex < offset) shift -= Math.min(op.delete, offset - oldIndex);
      oldIndex += op.delete;
    } else if (op.insert !== undefined) {
      // Text inserted exactly at the caret goes before it: the caret stays at the writer's place.
      shift += typeof op.insert === "string" ? op.insert.length : 1;
    }
  }
  return Math.max(0, offset + shift);
}
