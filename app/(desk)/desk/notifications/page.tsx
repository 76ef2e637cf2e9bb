import type { Metadata } from "next";
import Link from "next/link";
import { requireViewer } from "@/lib/auth/viewer";
import { listNotifications } from "@/lib/notifications/queries";
import { getNewsroomSettings } from "@/lib/settings/queries";
import { formatMoment } from "@/lib/time/format-moment";
import { markAllNotificationsReadAction } from "./actions";

export const metadata: Metadata = { title: "Notifications" };

export default async function NotificationsPage() {
  const viewer = await requireViewer("/desk/notifications");
  const [items, settings] = await Promise.all([listNotifications(viewer.id, 100), getNewsroomSettings()]);
  const timeZone = settings?.timeZone ?? "UTC";
  return (
    <>
      <h1>Notifications</h1>
      {items.some((n) => !n.read) ? (
        <form action={markAllNotificationsReadAction}>
          <button type="submit" className="button secondary">
            Mark all as read
          </button>
        </form>
      ) : null}
      {items.length === 0 ? <p>No notifications yet.</p> : null}
      <ul className="plain-list notification-list">
        {items.map((n) => (
          <li key={n.id} className={n.read ? "read" : "unread"}>
            {n.storyId ? <Link href={`/desk/stories/${n.storyId}`}>{n.message}</Link> : n.message}{" "}
            <time className="muted" dateTime={n.createdAt.toISOString()}>
              {formatMoment(n.createdAt, timeZone)}
            </time>
            {n.read ? null : <span className="visually-hidden"> (unread)</span>}
          </li>
        ))}
      </ul>
    </>
  );
}
