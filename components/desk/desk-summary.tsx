import Link from "next/link";
import { can } from "@/lib/auth/policy";
import type { Viewer } from "@/lib/auth/viewer";
import { countReviewQueue, listRecentlyPublished } from "@/lib/publishing/queries";
import { countStoriesByStatus } from "@/lib/stories/queries";
import { headlineOrUntitled } from "@/lib/stories/untitled";

/** The desk's at-a-glance counts: what is mine to do, what waits, what went out. */
export async function DeskSummary({ viewer }: { viewer: Viewer }) {
  const [mine, all, waiting, recent] = await Promise.all([
    countStoriesByStatus(viewer, true),
    can(viewer.role, "story.read.any") ? countStoriesByStatus(viewer) : null,
    countReviewQueue(viewer),
    listRecentlyPublished(viewer, 5),
  ]);
  const cards: Array<{ label: string; count: number; href: string }> = [
    { label: "My drafts", count: mine.draft, href: "/desk?mine=draft" },
    { label: "Sent back to me", count: mine.changes_requested, href: "/desk?mine=changes_requested" },
    { label: "Waiting for review", count: waiting ?? mine.in_review, href: waiting === null ? "/desk?mine=in_review" : "/desk/review" },
    { label: "Scheduled", count: (all ?? mine).scheduled, href: all ? "/desk/schedule" : "/desk?mine=scheduled" },
    { label: "Published", count: (all ?? mine).published, href: all ? "/desk?status=published" : "/desk?mine=published" },
  ];
  return (
    <section aria-labelledby="summary-heading" className="desk-summary">
      <h2 id="summary-heading" className="visually-hidden">
        At a glance
      </h2>
      <ul className="summary-cards">
        {cards.map((c) => (
          <li key={c.label}>
            <Link href={c.href}>
              <span className="summary-count">{c.count}</span> <span className="summary-label">{c.label}</span>
            </Link>
          </li>
        ))}
      </ul>
      {recent.length > 0 ? (
        <>
          <h3>Recently published</h3>
          <ul className="plain-list">
            {recent.map((r) => (
              <li key={r.id}>
                <Link href={`/desk/stories/${r.id}`}>{headlineOrUntitled(r.headline)}</Link>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
