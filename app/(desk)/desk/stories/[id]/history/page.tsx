import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { notFound } from "next/navigation";
import { can, canEditStory } from "@/lib/auth/policy";
import { requireViewer } from "@/lib/auth/viewer";
import { getNewsroomSettings } from "@/lib/settings/queries";
import { getRevision, getStoryHeading, listRevisions, type RevisionSummary } from "@/lib/stories/queries";
import { formatDateline } from "@/lib/time/newsroom-time";
import { PARAGRAPH_VIEW_MAX_CHARS, WORD_DIFF_MAX_CHARS } from "@/lib/content/diff";
import { RevisionDiff } from "@/components/desk/revision-diff";
import "@/components/desk/desk.css";
import { RestoreForm } from "./restore-form";
import { headlineOrUntitled } from "@/lib/stories/untitled";

export const metadata: Metadata = { title: "History" };

const KIND_LABELS: Record<string, string> = {
  manual: "Saved",
  autosave: "Autosaved",
  transition: "Workflow",
  restore: "Restored",
  conflict: "Conflict kept",
  publish: "Published",
};

/**
 * The full text below the comparison: whole up to WORD_DIFF_MAX_CHARS; a longer body (it may be
 * 2 MB) is cut as short as the paragraph view, so the page stays a few hundred kilobytes.
 */
function fullTextLimit(length: number): number {
  return length <= WORD_DIFF_MAX_CHARS ? length : PARAGRAPH_VIEW_MAX_CHARS;
}

function first(value: string | string[] | undefined): string | null {
  return typeof value === "string" ? value : null;
}

export default async function StoryHistoryPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { id } = await params;
  const query = await searchParams;
  const viewer = await requireViewer(`/desk/stories/${encodeURIComponent(id)}/history`);
  const story = await getStoryHeading(viewer, id);
  const revisions = story ? await listRevisions(viewer, id) : null;
  if (!story || !revisions) notFound();
  const timeZone = (await getNewsroomSettings())?.timeZone ?? "UTC";
  const when = (date: Date) => formatDateline(date, timeZone);

  const selectedId = first(query.rev) ?? revisions[0]?.id ?? null;
  const selected = selectedId ? revisions.find((r) => r.id === selectedId) ?? null : null;
  // By default compare with the version before; the newest is compared with the one before it too.
  const defaultOther = selected ? (revisions.find((r) => r.number < selected.number) ?? revisions.find((r) => r.id !== selected.id) ?? null) : null;
  const otherId = first(query.compare);
  const other = (otherId ? revisions.find((r) => r.id === otherId && r.id !== selected?.id) : null) ?? defaultOther;

  const [selectedDetail, otherDetail] = await Promise.all([
    selected ? getRevision(viewer, id, selected.id) : null,
    other ? getRevision(viewer, id, other.id) : null,
  ]);
  const older = selectedDetail && otherDetail ? (selectedDetail.number < otherDetail.number ? selectedDetail : otherDetail) : null;
  const newer = older ? (older === selectedDetail ? otherDetail : selectedDetail) : null;

  const mayRestore =
    can(viewer.role, "story.restore") &&
    canEditStory(viewer, { authorId: story.authorId, bylineUserIds: story.bylineUserIds, status: story.status }).ok;

  const describe = (r: RevisionSummary) => `Version ${r.number}`;

  return (
    <div className="history-page">
      <h1>History</h1>
      <p>
        Every saved version of “{headlineOrUntitled(story.headline)}”. <Link href={`/desk/stories/${story.id}`}>Back to the story</Link>
      </p>

      <table className="revision-table">
        <caption>Versions, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">When</th>
            <th scope="col">Who</th>
            <th scope="col">Why</th>
          </tr>
        </thead>
        <tbody>
          {revisions.map((r) => (
            <tr key={r.id} aria-current={r.id === selected?.id ? "true" : undefined}>
              <th scope="row">
                <Link href={`/desk/stories/${story.id}/history?rev=${r.id}`}>{describe(r)}</Link>
                {r.isLive ? <span className="badge badge-live">Live</span> : null}
                {r.id === revisions[0]?.id ? <span className="badge badge-newest">Newest</span> : null}
              </th>
              <td>
                <time dateTime={r.createdAt.toISOString()}>{when(r.createdAt)}</time>
              </td>
              <td>{r.createdByName ?? "Dateline"}</td>
              <td>
                {KIND_LABELS[r.kind] ?? r.kind}
                {r.reason && r.reason !== KIND_LABELS[r.kind] ? `: ${r.reason}` : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      {selected && selectedDetail ? (
        <section className="revision-compare" aria-labelledby="compare-heading">
          <h2 id="compare-heading">
            {describe(selected)}
            {other ? ` compared with version ${other.number}` : null}
          </h2>
          <p className="selected-version">
            Showing version {selected.number}
            {selected.isLive ? " (the live version)" : selected.id === revisions[0]?.id ? " (the newest version)" : ""}, saved{" "}
            <time dateTime={selected.createdAt.toISOString()}>{when(selected.createdAt)}</time> by {selected.createdByName ?? "Dateline"}.
          </p>
          {revisions.length > 1 ? (
            <form method="get" className="compare-form">
              <input type="hidden" name="rev" value={selected.id} />
              <label htmlFor="compare-with">Compare with</label>
              <select id="compare-with" name="compare" defaultValue={other?.id}>
                {revisions
                  .filter((r) => r.id !== selected.id)
                  .map((r) => (
                    <option key={r.id} value={r.id}>
                      {describe(r)}, {when(r.createdAt)}
                    </option>
                  ))}
              </select>
              <button type="submit" className="button secondary">
                Compare
              </button>
            </form>
          ) : null}
          {older && newer ? (
            <p>
              Changes from version {older.number} ({older.number === selected.number ? "the one shown, " : ""}older) to version {newer.number} (
              {newer.number === selected.number ? "the one shown, " : ""}newer): added text is <ins>underlined</ins>, removed text is <del>struck through</del>.
            </p>
          ) : null}
          {/* The list and the form above reach the browser first; the comparison streams in after. */}
          <Suspense fallback={<p className="muted">Comparing versions…</p>}>
            {older && newer ? <RevisionDiff before={older} after={newer} /> : <RevisionDiff before={selectedDetail} after={selectedDetail} />}
          </Suspense>
          <details className="revision-text">
            <summary>Full text of {describe(selected)}</summary>
            <div className="revision-text-body" lang={story.language}>
              <h3>{selectedDetail.headline}</h3>
              {selectedDetail.standfirst ? <p className="revision-standfirst">{selectedDetail.standfirst}</p> : null}
              {selectedDetail.bodyText
                .slice(0, fullTextLimit(selectedDetail.bodyText.length))
                .split(/\n{2,}/)
                .map((paragraph, index) => (
                  <p key={index}>{paragraph}</p>
                ))}
              {selectedDetail.bodyText.length > WORD_DIFF_MAX_CHARS ? (
                <p className="muted">
                  … the first {PARAGRAPH_VIEW_MAX_CHARS.toLocaleString("en")} of {selectedDetail.bodyText.length.toLocaleString("en")} characters are shown here;
                  the rest is not shown.
                </p>
              ) : null}
              {selectedDetail.sourceLine ? <p>{selectedDetail.sourceLine}</p> : null}
            </div>
          </details>
          {mayRestore ? (
            <RestoreForm
              storyId={story.id}
              revisionId={selected.id}
              baseVersion={story.version}
              number={selected.number}
              savedAt={when(selected.createdAt)}
              savedBy={selected.createdByName ?? "Dateline"}
            />
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
