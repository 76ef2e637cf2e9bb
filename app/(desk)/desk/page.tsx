import type { Metadata } from "next";
import { requireViewer } from "@/lib/auth/viewer";

export const metadata: Metadata = { title: "Desk" };

export default async function DeskHomePage() {
  const viewer = await requireViewer();
  return (
    <>
      <h1>Good to see you, {viewer.name}</h1>
      <p>Your stories and the newsroom&apos;s work appear here.</p>
    </>
  );
}
