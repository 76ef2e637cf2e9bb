/**
 * The editor's in-memory draft and its conversions. Pure: shared by the editor, the local copy,
 * the conflict view and their tests.
 */
import type { JSONContent } from "@tiptap/core";
import type { EditorStory } from "@/lib/stories/queries";
import type { StoryDraftInput } from "@/lib/stories/schemas";
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

/**
 * Same words as the server copy? Used to recognise our own save whose answer was lost (it
 * conflicts with itself on retry) and local copies that hold nothing new.
 */
export function sameText(
  a: Pick<EditorDraft, "headline" | "standfirst" | "sourceLine" | "body">,
  b: Pick<EditorDraft, "headline" | "standfirst" | "sourceLine" | "body">,
): boolean {
  return (
    a.headline.trim() === b.headline.trim() &&
    a.standfirst.trim() === b.standfirst.trim() &&
    a.sourceLine.trim() === b.sourceLine.trim() &&
    stableStringify(a.body) === stableStringify(b.body)
  );
}

export function sameFields(a: DraftFields, b: DraftFields): boolean {
  return stableStringify(a) === stableStringify(b);
}
