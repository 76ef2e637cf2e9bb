import { diffWords } from "@/lib/content/diff";
import { WordDiff } from "./word-diff";

type Comparable = { headline: string; standfirst: string; bodyText: string; sourceLine: string };

const PARTS: Array<{ key: keyof Comparable; label: string }> = [
  { key: "headline", label: "Headline" },
  { key: "standfirst", label: "Standfirst" },
  { key: "bodyText", label: "Body" },
  { key: "sourceLine", label: "Source" },
];

/** Field by field, what changed from `before` to `after`: insertions <ins>, deletions <del>. */
export function RevisionDiff({ before, after }: { before: Comparable; after: Comparable }) {
  return (
    <dl className="revision-diff">
      {PARTS.map(({ key, label }) => {
        const same = before[key] === after[key];
        return (
          <div key={key} className="revision-diff-part">
            <dt>
              {label}
              {same ? <span className="muted"> (unchanged)</span> : null}
            </dt>
            <dd>{before[key] || after[key] ? <WordDiff parts={diffWords(before[key], after[key])} /> : <span className="muted">(empty)</span>}</dd>
          </div>
        );
      })}
    </dl>
  );
}
