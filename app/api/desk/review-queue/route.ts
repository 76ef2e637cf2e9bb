import { NextResponse } from "next/server";
import { getViewer } from "@/lib/auth/viewer";
import { listReviewQueue } from "@/lib/publishing/queries";

/** The live review queue for the desk's polling list. */
export async function GET() {
  const viewer = await getViewer();
  if (!viewer) return NextResponse.json({ message: "Sign in to see the review queue." }, { status: 401 });
  const items = await listReviewQueue(viewer);
  if (items === null) return NextResponse.json({ message: "Only editors can see the review queue." }, { status: 403 });
  return NextResponse.json({ items }, { headers: { "Cache-Control": "no-store" } });
}
