import type { Metadata } from "next";
import { connection } from "next/server";
import { requireViewer } from "@/lib/auth/viewer";
import { countUnreadNotifications, listNotifications } from "@/lib/notifications/queries";
import { countReviewQueue } from "@/lib/publishing/queries";
import { DeskNav } from "@/components/desk/desk-nav";
import { NotificationBell } from "@/components/desk/notification-bell";
import { QueryProvider } from "@/components/desk/query-provider";
import "@/components/desk/desk.css";

export const metadata: Metadata = { title: { default: "Desk", template: "%s · Desk" }, robots: { index: false } };

export default async function DeskLayout({ children }: { children: React.ReactNode }) {
  await connection();
  const viewer = await requireViewer();
  const [reviewCount, unread, latest] = await Promise.all([countReviewQueue(viewer), countUnreadNotifications(viewer.id), listNotifications(viewer.id, 8)]);
  return (
    <div className="desk">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <DeskNav viewer={viewer} reviewCount={reviewCount ?? undefined} bell={<NotificationBell unread={unread} latest={latest} />} />
      <main id="main" className="desk-main">
        <QueryProvider>{children}</QueryProvider>
      </main>
    </div>
  );
}
