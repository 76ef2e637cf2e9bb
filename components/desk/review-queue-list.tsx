"use client";

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import type { ReviewQueueItem } from "@/lib/publishing/queries";
import { headlineOrUntitled } from "@/lib/stories/untitled";

async function fetchQueue(): Promise<ReviewQueueItem[]> {
  const response = await fetch("/api/desk/review-queue", { cache: "no-store" });
  if (!response.ok) throw new Error(`review queue ${response.status}`);
  return ((await response.json()) as { items: ReviewQueueItem[] }).items;
}

function waited(since: string, now: number): string {
  const minutes = Math.max(0, Math.round((now - new Date(since).getTime()) / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${minutes % 60} min`;
  return `${Math.floor(hours / 24)} days`;
}

/** Refreshes itself every 15 s and when the tab regains focus. */
export function ReviewQueueList({ initial }: { initial: ReviewQueueItem[] }) {
  const query = useQuery({ queryKey: ["review-queue"], queryFn: fetchQueue, initialData: initial, refetchInterval: 15_000, refetchOnWindowFocus: true });
  const items = query.data ?? [];
  // The moment the list was fetched: "waiting" is measured against the data shown, not the render.
  const now = query.dataUpdatedAt;
  return (
    <>
      <p role="status" className="muted">
        {items.length === 0 ? "Nothing is waiting for review." : `${items.length} ${items.length === 1 ? "story is" : "stories are"} waiting for review.`}
        {query.isError ? " (Could not refresh; retrying.)" : ""}
      </p>
      {items.length > 0 ? (
        <table className="desk-table">
          <caption className="visually-hidden">Stories waiting for review, oldest first</caption>
          <thead>
            <tr>
              <th scope="col">Headline</th>
              <th scope="col">Reporter</th>
              <th scope="col">Section</th>
              <th scope="col">Words</th>
              <th scope="col">Waiting</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.id}>
                <td>
                  <Link href={`/desk/stories/${item.id}`}>{headlineOrUntitled(item.headline)}</Link>
                  {item.isUpdate ? <span className="badge">Update to live story</span> : null}
                  {item.changedSinceApproval ? <span className="badge">Changed since approval</span> : null}
                </td>
                <td>{item.reporterName}</td>
                <td>{item.sectionName ?? "—"}</td>
                <td>{item.wordCount.toLocaleString("en")}</td>
                <td>{waited(item.submittedAt, now)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </>
  );
}
