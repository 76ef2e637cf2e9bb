import Link from "next/link";
import type { NotificationItem } from "@/lib/notifications/queries";
import { BellIcon } from "@/components/ui/icons";

/** A bell with the unread count and the latest few, without client JavaScript. */
export function NotificationBell({ unread, latest }: { unread: number; latest: NotificationItem[] }) {
  return (
    <details className="notification-bell">
      <summary aria-label={`Notifications, ${unread} unread`}>
        <BellIcon />
        {unread > 0 ? <span className="count" aria-hidden="true">{unread}</span> : null}
      </summary>
      <div className="notification-popover">
        {latest.length === 0 ? <p>No notifications yet.</p> : null}
        <ul className="plain-list">
          {latest.map((n) => (
            <li key={n.id} className={n.read ? "read" : "unread"}>
              {n.storyId ? <Link href={`/desk/stories/${n.storyId}`}>{n.message}</Link> : n.message}
            </li>
          ))}
        </ul>
        <Link href="/desk/notifications">All notifications</Link>
      </div>
    </details>
  );
}
