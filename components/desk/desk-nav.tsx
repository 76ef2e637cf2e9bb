import Link from "next/link";
import { can } from "@/lib/auth/policy";
import type { Viewer } from "@/lib/auth/viewer";
import { signOutAction } from "@/lib/auth/actions";

const ROLE_LABELS = { reporter: "Reporter", editor: "Editor", admin: "Admin" } as const;

/** The desk's navigation: exactly the links of the UI contract the viewer's role may use. */
export function DeskNav({ viewer, reviewCount, bell }: { viewer: Viewer; reviewCount?: number; bell?: React.ReactNode }) {
  return (
    <header className="desk-header">
      <nav aria-label="Newsroom" className="desk-nav">
        <Link href="/desk" className="desk-brand">
          Desk
        </Link>
        <Link href="/desk/stories/new">New story</Link>
        {can(viewer.role, "review.queue.read") ? (
          <Link href="/desk/review">
            Review queue
            {reviewCount ? <span className="count">{reviewCount}<span className="visually-hidden"> waiting</span></span> : null}
          </Link>
        ) : null}
        {can(viewer.role, "story.schedule") ? <Link href="/desk/schedule">Schedule</Link> : null}
        {can(viewer.role, "section.manage") ? <Link href="/desk/sections">Sections</Link> : null}
        {can(viewer.role, "people.manage") ? <Link href="/desk/people">People</Link> : null}
        {can(viewer.role, "audit.read") ? <Link href="/desk/audit">Audit log</Link> : null}
      </nav>
      <div className="desk-viewer">
        {bell}
        <span>
          {viewer.name} <span className="role">({ROLE_LABELS[viewer.role]})</span>
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
