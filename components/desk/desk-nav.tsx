import Link from "next/link";
import { can } from "@/lib/auth/policy";
import type { Viewer } from "@/lib/auth/viewer";
import { signOutAction } from "@/lib/auth/actions";
import { ROLE_LABELS } from "@/lib/people/roles";

/**
 * The desk's navigation: exactly the links of the UI contract the viewer's role may use (plus the
 * schedule for editors and the audit log for admins), who is signed in with their role, and the bell.
 */
export function DeskNav({ viewer, reviewCount, bell }: { viewer: Viewer; reviewCount?: number; bell?: React.ReactNode }) {
  return (
    <header className="desk-header">
      <nav aria-label="Newsroom" className="desk-nav">
        <Link href="/desk" className="desk-brand">
          Desk
        </Link>
        <Link href="/desk/stories/new">New story</Link>
        {can(viewer.role, "review.queue.read") ? (
          <span className="nav-with-count">
            {/* The link's name stays exactly "Review queue" (UI contract); the count sits beside it. */}
            <Link href="/desk/review">Review queue</Link>
            {reviewCount ? (
              <span className="count">
                {reviewCount}
                <span className="visually-hidden"> waiting for review</span>
              </span>
            ) : null}
          </span>
        ) : null}
        {can(viewer.role, "story.schedule") ? <Link href="/desk/schedule">Schedule</Link> : null}
        <Link href="/desk/trash">Trash</Link>
        {can(viewer.role, "section.manage") ? <Link href="/desk/sections">Sections</Link> : null}
        {can(viewer.role, "people.manage") ? <Link href="/desk/people">People</Link> : null}
        {can(viewer.role, "audit.read") ? <Link href="/desk/audit">Audit log</Link> : null}
      </nav>
      <div className="desk-viewer">
        {bell}
        <span>
          <Link href="/desk/account" className="desk-account">
            {viewer.name}
          </Link>{" "}
          <span className="role">({ROLE_LABELS[viewer.role]})</span>
        </span>
        <form action={signOutAction}>
          <button type="submit" className="button secondary">
            Sign out
          </button>
        </form>
      </div>
    </header>
  );
}
