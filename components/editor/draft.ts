/**
 * The editor's in-memory draft and its conversions. Pure: shared by the editor, the local copy,
 * the conflict view and their tests.
 */
import type { JSONContent } from "@tiptap/core";
import type { EditorStory } from "@/lib/stories/queries";
import type { StoryDraftInput } from "@/lib/stories/schemas";
import { validateStoryBody } from "@/lib/content/validate";
import { storyDraftSchema } from "@/lib/stories/schemas";
import { suggestSlug } from "@/lib/stories/slug";
import { toStorableJson } from "@/lib/stories/storable-text";

export type DraftByline = { userId: string | null; name: string };

export type DraftFields = {
  headline: string;
  standfirst: string;
  sourceLine: string;
  slug: string;
  sectionId: string | null;
  language: string;
  tags: string[];
  bylines: DraftByline[];
  featuredMediaId: string | null;
  featuredCaption: string;
  featuredCredit: string;
  seoTitle: string;
  seoDescription: string;
};

export type EditorDraft = DraftFields & { body: JSONContent };

export function emptyFields(language: string, byline: DraftByline | null): DraftFields {
  return {
    headline: "",
    standfirst: "",
    sourceLine: "",
    slug: "",
    sectionId: null,
    language,
    tags: [],
    bylines: byline ? [byline] : [],
    featuredMediaId: null,
    featuredCaption: "",
    featuredCredit: "",
    seoTitle: "",
    seoDescription: "",
  };
}

export function fieldsFromStory(story: EditorStory): DraftFields {
  return {
    headline: story.headline,
    standfirst: story.standfirst,
    sourceLine: story.sourceLine,
    slug: story.slug,
    sectionId: story.sectionId,
    language: story.language,
    tags: [...story.tags],
    bylines: story.bylines.map((b) => ({ userId: b.userId, name: b.name })),
    featuredMediaId: story.featuredMediaId,
    featuredCaption: story.featuredCaption,
    featuredCredit: story.featuredCredit,
    seoTitle: story.seoTitle,
    seoDescription: story.seoDescription,
  };
}

/**
 * What goes over the wire: exactly the keys storyDraftSchema accepts, with characters the
 * database cannot hold (NUL, broken surrogates from odd clipboards) cleaned out rather than
 * refused, so a stray paste never blocks autosave.
 */
export function toDraftInput(draft: EditorDraft, options: { sendSlug: boolean }): StoryDraftInput {
  return toStorableJson({
    headline: draft.headline,
    standfirst: draft.standfirst,
    body: draft.body,
    sourceLine: draft.sourceLine,
    // An untouched suggestion is left to the server, which makes it unique.
    slug: options.sendSlug ? draft.slug : "",
    sectionId: draft.sectionId,
    language: draft.language,
    tags: draft.tags,
    bylines: draft.bylines.filter((b) => b.name.trim() !== ""),
    featuredMediaId: draft.featuredMediaId,
    featuredCaption: draft.featuredCaption,
    featuredCredit: draft.featuredCredit,
    seoTitle: draft.seoTitle,
    seoDescription: draft.seoDescription,
  });
}

/** Key order in JSON from different sources (editor, database jsonb) must not make equal docs differ. */
export function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

const draftFieldsSchema = storyDraftSchema.omit({ body: true });

/**
 * The draft as the server would store it, for comparisons: every field trimmed and defaulted by
 * the server's own schema, empty bylines dropped, tags as the set of tags they name (the server
 * keeps one tag per slug, under the name it first saw, sorted by name), and the body as ProseMirror
 * serialises it after the server's validation. Key order is left to `stableStringify`. A draft the
 * server would refuse is kept as it is: it compares unequal rather than being passed off as saved.
 */
export function storedForm(draft: EditorDraft): Record<string, unknown> {
  const input = toDraftInput(draft, { sendSlug: true });
  const { body, ...rawFields } = input;
  const parsed = draftFieldsSchema.safeParse(rawFields);
  const fields: Record<string, unknown> = parsed.success ? { ...parsed.data } : { ...rawFields };
  if (parsed.success) {
    fields.tags = [...new Set(parsed.data.tags.map((tag) => suggestSlug(tag)))].sort();
  }
  const validated = validateStoryBody(body);
  return { ...fields, body: validated.ok ? validated.doc : body };
}

/**
 * Would saving `a` over `b` change nothing the server stores? Recognises our own save whose answer
 * was lost (it conflicts with itself on retry) and browser copies that hold nothing unsaved.
 * Compares every field the editor saves, not only the text: a section or a tag changed in a lost
 * tab is unsaved work too.
 */
export function sameDraft(a: EditorDraft, b: EditorDraft): boolean {
  return stableStringify(storedForm(a)) === stableStringify(storedForm(b));
}

/** The server's working copy as an editor draft. */
export function draftFromStory(story: EditorStory): EditorDraft {
  return { ...fieldsFromStory(story), body: story.body };
}
