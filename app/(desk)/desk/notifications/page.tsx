import type { Metadata } from "next";
import Link from "next/link";
import { requireViewer } from "@/lib/auth/viewer";
import { listNotifications } from "@/lib/notifications/queries";
import { markAllNotificationsReadAction } from "./actions";

export const metadata: Metadata = { title: "Notifications" };

export default async function NotificationsPage() {
  const viewer = await requireViewer("/desk/notifications");
  const items = await listNotifications(viewer.id, 100);
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
              {n.createdAt.toISOString().slice(0, 16).replace("T", " ")} UTC
            </time>
            {n.read ? null : <span className="visually-hidden"> (unread)</span>}
          </li>
        ))}
      </ul>
    </>
  );
}
