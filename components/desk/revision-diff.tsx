import { compareTexts } from "@/lib/content/diff";
import { ParagraphDiff } from "./paragraph-diff";
import { WordDiff } from "./word-diff";

type Comparable = { headline: string; standfirst: string; bodyText: string; sourceLine: string };

const PARTS: Array<{ key: keyof Comparable; label: string }> = [
  { key: "headline", label: "Headline" },
  { key: "standfirst", label: "Standfirst" },
  { key: "bodyText", label: "Body" },
  { key: "sourceLine", label: "Source" },
];

/**
 * Field by field, what changed from `before` to `after`: insertions <ins>, deletions <del>. The
 * comparison is computed in slices (`compareTexts`), so a pair of huge revisions never holds up
 * the other requests the server is answering, and its output is bounded.
 */
export async function RevisionDiff({ before, after }: { before: Comparable; after: Comparable }) {
  const comparisons = await Promise.all(PARTS.map(({ key }) => compareTexts(before[key], after[key])));
  return (
    <dl className="revision-diff">
      {PARTS.map(({ key, label }, index) => {
        const same = before[key] === after[key];
        const comparison = comparisons[index]!;
        return (
          <div key={key} className="revision-diff-part">
            <dt>
              {label}
              {same ? <span className="muted"> (unchanged)</span> : null}
            </dt>
            <dd>
              {!before[key] && !after[key] ? (
                <span className="muted">(empty)</span>
              ) : comparison.mode === "words" ? (
                <WordDiff parts={comparison.parts} />
              ) : (
                <ParagraphDiff {...comparison} />
              )}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}
