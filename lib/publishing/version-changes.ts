/**
 * "What changed since the version you read": the message an editor gets when a publishing
 * transition is refused because the story moved on, and the desk's "changed since approval" note.
 * Pure, so the command (inside its transaction) and the desk page compare the same way; the word
 * diff itself is lib/content/diff.ts.
 */
import { diffWords, type DiffPart } from "@/lib/content/diff";

/** One side of the comparison: a revision snapshot or the working copy, as plain values. */
export type ComparableVersion = {
  headline: string;
  standfirst: string;
  bodyText: string;
  sourceLine: string;
  slug: string;
  sectionId: string | null;
  language: string;
  featuredMediaId: string | null;
  featuredCaption: string;
  featuredCredit: string;
  seoTitle: string;
  seoDescription: string;
  tags: readonly string[];
  bylines: readonly string[];
};

export type FieldChange = { label: string; parts: DiffPart[] };

export type VersionChanges = {
  /** The version the editor read, and the one the story is at now. */
  reviewedVersion: number;
  currentVersion: number;
  /**
   * The version the comparison starts from. Not every version is kept as a revision (autosaves
   * snapshot every few minutes), so this may be older than the one read; `exact` says which.
   */
  since: { version: number; exact: boolean };
  /** Text fields that changed, as word diffs; unchanged fields are left out. */
  fields: FieldChange[];
  /** Other details that changed, by name ("Slug", "Section"…). */
  otherChanges: string[];
};

const TEXT_FIELDS: ReadonlyArray<{ key: "headline" | "standfirst" | "bodyText" | "sourceLine"; label: string }> = [
  { key: "headline", label: "Headline" },
  { key: "standfirst", label: "Standfirst" },
  { key: "bodyText", label: "Body" },
  { key: "sourceLine", label: "Source" },
];

const OTHER_FIELDS: ReadonlyArray<{ label: string; same: (a: ComparableVersion, b: ComparableVersion) => boolean }> = [
  { label: "Slug", same: (a, b) => a.slug === b.slug },
  { label: "Section", same: (a, b) => a.sectionId === b.sectionId },
  { label: "Language", same: (a, b) => a.language === b.language },
  { label: "Bylines", same: (a, b) => a.bylines.join("\n") === b.bylines.join("\n") },
  { label: "Tags", same: (a, b) => [...a.tags].sort().join("\n") === [...b.tags].sort().join("\n") },
  {
    label: "Featured image",
    same: (a, b) => a.featuredMediaId === b.featuredMediaId && a.featuredCaption === b.featuredCaption && a.featuredCredit === b.featuredCredit,
  },
  { label: "Search title and description", same: (a, b) => a.seoTitle === b.seoTitle && a.seoDescription === b.seoDescription },
];

/** Unchanged stretches longer than this are shortened to their ends: the change is the point. */
const CONTEXT_CHARS = 160;

function condense(parts: DiffPart[]): DiffPart[] {
  return parts.map((part, index) => {
    if (part.kind !== "same" || part.text.length <= CONTEXT_CHARS * 2 + 20) return part;
    const first = index === 0;
    const last = index === parts.length - 1;
    const head = first ? "" : part.text.slice(0, CONTEXT_CHARS);
    const tail = last ? "" : part.text.slice(-CONTEXT_CHARS);
    return { kind: "same", text: `${head}${head ? " " : ""}…${tail ? " " : ""}${tail}` };
  });
}

export function compareVersions(before: ComparableVersion, after: ComparableVersion): Pick<VersionChanges, "fields" | "otherChanges"> {
  const fields = TEXT_FIELDS.filter(({ key }) => before[key] !== after[key]).map(({ key, label }) => ({ label, parts: condense(diffWords(before[key], after[key])) }));
  const otherChanges = OTHER_FIELDS.filter(({ same }) => !same(before, after)).map(({ label }) => label);
  return { fields, otherChanges };
}
