import Link from "next/link";
import type { DeskStoryRow } from "@/lib/stories/queries";
import { formatMoment } from "@/lib/time/format-moment";
import { StatusBadge } from "./status-badge";
import { headlineOrUntitled } from "@/lib/stories/untitled";

/** Stories on the desk as a table: headline (to the editor), state, section, author, length, last change. */
export function StoryList({ stories, caption, timeZone, emptyText }: { stories: DeskStoryRow[]; caption: string; timeZone: string; emptyText: string }) {
  if (stories.length === 0) return <p className="empty">{emptyText}</p>;
  return (
    <table className="story-table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Headline</th>
          <th scope="col">Status</th>
          <th scope="col">Section</th>
          <th scope="col">Author</th>
          <th scope="col" className="numeric">
            Words
          </th>
          <th scope="col">Last change</th>
        </tr>
      </thead>
      <tbody>
        {stories.map((story) => (
          <tr key={story.id}>
            <th scope="row">
              <Link href={`/desk/stories/${story.id}`}>{headlineOrUntitled(story.headline)}</Link>
            </th>
            <td>
              <StatusBadge status={story.status} />
            </td>
            <td>{story.sectionName ?? <span className="muted">None</span>}</td>
            <td>{story.authorName}</td>
            <td className="numeric">{story.wordCount.toLocaleString("en")}</td>
            <td>
              <time dateTime={story.updatedAt.toISOString()}>{formatMoment(story.updatedAt, timeZone)}</time>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
