import Link from "next/link";
import { can } from "@/lib/auth/policy";
import type { Viewer } from "@/lib/auth/viewer";
import { signOutAction } from "@/lib/auth/actions";
import { ROLE_LABELS } from "@/lib/people/roles";

/**
 * The desk's navigation: exactly the links of the UI contract the viewer's role may use (plus the
 * audit log for admins), and who is signed in, with their role.
 */
export function DeskNav({ viewer, reviewCount }: { viewer: Viewer; reviewCount?: number }) {
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
            {reviewCount ? <span className="count" aria-hidden="true">{` ${reviewCount}`}</span> : null}
          </Link>
        ) : null}
        {can(viewer.role, "section.manage") ? <Link href="/desk/sections">Sections</Link> : null}
        {can(viewer.role, "people.manage") ? <Link href="/desk/people">People</Link> : null}
        {can(viewer.role, "audit.read") ? <Link href="/desk/audit">Audit log</Link> : null}
      </nav>
      <div className="desk-viewer">
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
