import type { VersionChanges } from "@/lib/publishing/version-changes";
import { WordDiff } from "./word-diff";

/**
 * What changed between two versions of a story, field by field: for a refused publish ("the story
 * changed after the version you read") and for a story changed since its approval.
 */
export function VersionChangesView({ changes, heading }: { changes: VersionChanges; heading: string }) {
  const nothingVisible = changes.fields.length === 0 && changes.otherChanges.length === 0;
  return (
    <section className="version-changes" aria-label={heading}>
      <h2>{heading}</h2>
      <p className="muted">
        Version {changes.currentVersion} compared with version {changes.since.version}
        {changes.since.exact ? "." : `, the closest saved copy before version ${changes.reviewedVersion} (it may include changes you already read).`}
      </p>
      {nothingVisible ? <p>The text is the same; the story was only saved again.</p> : null}
      {changes.fields.length > 0 ? (
        <dl className="revision-diff">
          {changes.fields.map((field) => (
            <div key={field.label} className="revision-diff-part">
              <dt>{field.label}</dt>
              <dd>
                <WordDiff parts={field.parts} label={`${field.label}: what changed`} />
              </dd>
            </div>
          ))}
        </dl>
      ) : null}
      {changes.otherChanges.length > 0 ? <p>Also changed: {changes.otherChanges.join(", ")}.</p> : null}
    </section>
  );
}
