/**
 * The working copy a shared document stands for, checked exactly as an HTTP save is (content
 * schema, URL allow-lists, size and depth limits, the draft schema). Pure, so the server can try
 * an update on a copy of the document and refuse it before anything is stored.
 */
import * as Y from "yjs";
import { validateStoryBody } from "@/lib/content/validate";
import { storyDraftSchema, type StoryDraft } from "@/lib/stories/schemas";
import { isValidSlug } from "@/lib/stories/slug";
import { hasUnstorableText, UNSTORABLE_MESSAGE } from "@/lib/stories/storable-text";
import { isKnownRootName, readBodyJson, readSharedFields, ShapeError, TEXT_FIELDS, type TextField } from "./document-shape";

/** A shared document larger than this, encoded, is refused (a 2 MB body plus its history). */
export const MAX_DOCUMENT_BYTES = 8 * 1024 * 1024;

export const DERIVE_MESSAGES = {
  unknownPart: "The story document has a part the editor does not know.",
  tooLarge: "The story document is too large.",
  malformed: "The story document is not in a format the editor produces.",
} as const;

/**
 * Text fields that may be momentarily unusable while people type (an emptied headline before the
 * new one, a slug ending in a hyphen, text merged past a length limit): the document keeps them,
 * and the working copy keeps its previous value until they are usable again.
 */
export type DeferredField = TextField;

export type DeriveResult =
  /**
   * `incomplete`: the story has never had a headline (a new story whose writer starts with the
   * body). The change is valid, but there is no working copy to write yet: the document keeps it.
   */
  | { ok: true; draft: StoryDraft; deferred: DeferredField[]; incomplete: boolean }
  | { ok: false; message: string };

const UNTITLED_STAND_IN = "Untitled";

/** The working copy's current text fields, kept while the document's are unusable. */
export type RowFallback = Record<TextField, string>;

export function deriveWorkingCopy(doc: Y.Doc, fallback: RowFallback): DeriveResult {
  try {
    for (const name of doc.share.keys()) {
      if (!isKnownRootName(name)) return { ok: false, message: DERIVE_MESSAGES.unknownPart };
    }
    const fields = readSharedFields(doc);
    const bodyJson = readBodyJson(doc);
    if (hasUnstorableText(fields) || hasUnstorableText(bodyJson)) return { ok: false, message: UNSTORABLE_MESSAGE };
    const body = validateStoryBody(bodyJson);
    if (!body.ok) return { ok: false, message: body.message };

    const deferred: DeferredField[] = [];
    const candidate: Record<string, unknown> = { ...fields, body: body.doc };
    let incomplete = false;
    if (typeof candidate.headline !== "string" || candidate.headline.trim() === "") {
      incomplete = fallback.headline.trim() === "";
      // Checked with a stand-in, never stored: everything else must still be valid.
      candidate.headline = incomplete ? UNTITLED_STAND_IN : fallback.headline;
      deferred.push("headline");
    }
    if (typeof candidate.slug === "string" && candidate.slug.trim() !== "" && !isValidSlug(candidate.slug.trim())) {
      candidate.slug = fallback.slug;
      deferred.push("slug");
    }
    let parsed = storyDraftSchema.safeParse(candidate);
    // Text merged from several people can pass a length limit none of them passed alone: keep the
    // document (refusing would reject everyone's next keystroke) and the working copy's old value.
    const overLong = parsed.success ? [] : TEXT_FIELDS.filter((field) => parsed.error!.issues.some((issue) => issue.path[0] === field));
    if (overLong.length > 0) {
      for (const field of overLong) {
        candidate[field] = fallback[field];
        if (!deferred.includes(field)) deferred.push(field);
      }
      // A too-long first headline: no usable one to fall back on either.
      if (overLong.includes("headline") && fallback.headline.trim() === "") {
        incomplete = true;
        candidate.headline = UNTITLED_STAND_IN;
      }
      parsed = storyDraftSchema.safeParse(candidate);
    }
    if (!parsed.success) return { ok: false, message: parsed.error.issues[0]?.message ?? DERIVE_MESSAGES.malformed };
    return { ok: true, draft: parsed.data, deferred, incomplete };
  } catch (error) {
    if (error instanceof ShapeError) return { ok: false, message: error.message };
    // A structure y-prosemirror cannot read: nothing the editor makes.
    return { ok: false, message: DERIVE_MESSAGES.malformed };
  }
}

/** The encoded size of a document, the measure the size limit applies to. */
export function encodedDocumentBytes(doc: Y.Doc): number {
  return Y.encodeStateAsUpdate(doc).byteLength;
}
