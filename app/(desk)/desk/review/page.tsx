import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireViewer } from "@/lib/auth/viewer";
import { listReviewQueue } from "@/lib/publishing/queries";
import { ReviewQueueList } from "@/components/desk/review-queue-list";

export const metadata: Metadata = { title: "Review queue" };

export default async function ReviewQueuePage() {
  const viewer = await requireViewer("/desk/review");
  const items = await listReviewQueue(viewer);
  // Reporters have no review queue: the page does not exist for them.
  if (items === null) notFound();
  return (
    <>
      <h1>Review queue</h1>
      <ReviewQueueList initial={items} />
    </>
  );
}
