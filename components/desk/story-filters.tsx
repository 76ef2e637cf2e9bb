import Link from "next/link";
import { STATUS_LABELS, STORY_STATUSES, type StoryStatus } from "@/lib/stories/workflow";

export type DeskFilterValues = { status: StoryStatus | null; sectionId: string | null; authorId: string | null; q: string };

/** Status links with counts, for one list ("My stories"); `param` names its query parameter. */
export function StatusFilterLinks({
  label,
  param,
  current,
  counts,
  hrefFor,
}: {
  label: string;
  param: string;
  current: StoryStatus | null;
  counts: Record<StoryStatus, number>;
  hrefFor: (param: string, value: string | null) => string;
}) {
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  return (
    <nav aria-label={label} className="status-filters">
      <ul>
        <li>
          <Link href={hrefFor(param, null)} aria-current={current === null ? "page" : undefined}>
            All <span className="count">({total})</span>
          </Link>
        </li>
        {STORY_STATUSES.map((status) => (
          <li key={status}>
            <Link href={hrefFor(param, status)} aria-current={current === status ? "page" : undefined}>
              {STATUS_LABELS[status]} <span className="count">({counts[status]})</span>
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** The editors' filters over every story: status, section, author and a search of headline and body. */
export function StoryFilters({
  values,
  sections,
  authors,
  keep,
}: {
  values: DeskFilterValues;
  sections: Array<{ id: string; label: string }>;
  authors: Array<{ id: string; name: string }>;
  /** Other lists' parameters to carry through a submit. */
  keep: Record<string, string>;
}) {
  return (
    <form method="get" className="story-filters" role="search" aria-label="Filter all stories">
      {Object.entries(keep).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <div className="field">
        <label htmlFor="filter-status">Status</label>
        <select id="filter-status" name="status" defaultValue={values.status ?? ""}>
          <option value="">Any status</option>
          {STORY_STATUSES.map((s) => (
            <option key={s} value={s}>
              {STATUS_LABELS[s]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="filter-section">Section</label>
        <select id="filter-section" name="section" defaultValue={values.sectionId ?? ""}>
          <option value="">Any section</option>
          {sections.map((s) => (
            <option key={s.id} value={s.id}>
              {s.label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="filter-author">Author</label>
        <select id="filter-author" name="author" defaultValue={values.authorId ?? ""}>
          <option value="">Anyone</option>
          {authors.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="filter-q">Search stories</label>
        <input id="filter-q" name="q" type="search" defaultValue={values.q} />
      </div>
      <div className="filter-actions">
        <button type="submit" className="button">
          Filter
        </button>
        <Link href={`/desk${Object.keys(keep).length ? `?${new URLSearchParams(keep)}` : ""}`}>Clear filters</Link>
      </div>
    </form>
  );
}
