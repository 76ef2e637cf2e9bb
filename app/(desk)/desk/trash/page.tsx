import type { Metadata } from "next";
import Link from "next/link";
import { requireViewer } from "@/lib/auth/viewer";
import { getNewsroomSettings } from "@/lib/settings/queries";
import { listTrash } from "@/lib/stories/queries";
import { TRASH_RETENTION_DAYS } from "@/lib/stories/trash";
import { formatMoment } from "@/lib/time/format-moment";
import { TrashAnnouncer, TrashedStoryControls } from "@/components/desk/trash-controls";
import { deleteStoryForGoodAction, restoreStoryFromTrashAction } from "../stories/[id]/trash-actions";
import { headlineOrUntitled } from "@/lib/stories/untitled";

export const metadata: Metadata = { title: "Trash" };

export default async function TrashPage() {
  const viewer = await requireViewer("/desk/trash");
  const [items, settings] = await Promise.all([listTrash(viewer), getNewsroomSettings()]);
  const timeZone = settings?.timeZone ?? "UTC";
  return (
    <>
      <h1>Trash</h1>
      <p className="muted">
        Stories that were never published can be moved here. They are deleted for good {TRASH_RETENTION_DAYS} days after they were moved, unless
        someone restores them first.
      </p>
      <TrashAnnouncer>
        {items.length === 0 ? <p>The trash is empty.</p> : null}
        <ul className="plain-list trash-list">
          {items.map((item) => {
            const deleteOn = new Date(item.trashedAt.getTime() + TRASH_RETENTION_DAYS * 24 * 3600_000);
            return (
              <li key={item.id}>
                <h2 className="trash-headline">
                  <Link href={`/desk/stories/${item.id}`}>{item.headline.trim() || "Untitled story"}</Link>
                </h2>
                <p className="muted" id={`trash-${item.id}`}>
                  By {item.authorName}. Moved to the trash{item.trashedByName ? ` by ${item.trashedByName}` : ""} on{" "}
                  <time dateTime={item.trashedAt.toISOString()}>{formatMoment(item.trashedAt, timeZone)}</time>; deleted for good on{" "}
                  <time dateTime={deleteOn.toISOString()}>{formatMoment(deleteOn, timeZone)}</time>.
                </p>
                <TrashedStoryControls storyId={item.id} headline={headlineOrUntitled(item.headline)} restoreAction={restoreStoryFromTrashAction} deleteAction={deleteStoryForGoodAction} />
              </li>
            );
          })}
        </ul>
      </TrashAnnouncer>
    </>
  );
}
