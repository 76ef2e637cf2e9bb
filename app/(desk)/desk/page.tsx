import type { Metadata } from "next";
import { requireViewer } from "@/lib/auth/viewer";
import { DeskSummary } from "@/components/desk/desk-summary";

export const metadata: Metadata = { title: "Desk" };

export default async function DeskHomePage() {
  const viewer = await requireViewer();
  return (
    <>
      <h1>Good to see you, {viewer.name}</h1>
      <DeskSummary viewer={viewer} />
    </>
  );
}
