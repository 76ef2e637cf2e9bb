import type { Metadata } from "next";
import { connection } from "next/server";
import { requireViewer } from "@/lib/auth/viewer";
import { DeskNav } from "@/components/desk/desk-nav";

export const metadata: Metadata = { title: { default: "Desk", template: "%s · Desk" }, robots: { index: false } };

export default async function DeskLayout({ children }: { children: React.ReactNode }) {
  await connection();
  const viewer = await requireViewer();
  return (
    <div className="desk">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <DeskNav viewer={viewer} />
      <main id="main" className="desk-main">
        {children}
      </main>
    </div>
  );
}
