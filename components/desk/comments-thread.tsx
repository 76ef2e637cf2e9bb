import { getViewer } from "@/lib/auth/viewer";
import { listComments } from "@/lib/comments/queries";
import { getNewsroomSettings } from "@/lib/settings/queries";
import { formatMoment } from "@/lib/time/format-moment";
import { CommentForm } from "./comment-form";

/** The story's editorial thread: everyone who can see the story, never the public. */
export async function CommentsThread({ storyId }: { storyId: string }) {
  const viewer = await getViewer();
  if (!viewer) return null;
  const [comments, settings] = await Promise.all([listComments(viewer, storyId), getNewsroomSettings()]);
  const timeZone = settings?.timeZone ?? "UTC";
  if (comments === null) return null;
  return (
    <section className="comments-thread" aria-labelledby="comments-heading">
      <h2 id="comments-heading">Comments</h2>
      {comments.length === 0 ? <p className="muted">No comments yet.</p> : null}
      <ol className="comment-list">
        {comments.map((c) => (
          <li key={c.id} className={c.kind === "send_back" ? "comment send-back" : "comment"}>
            <p className="comment-meta">
              <strong>{c.authorName ?? "Former colleague"}</strong>
              {c.kind === "send_back" ? <span className="badge">Changes requested</span> : null}{" "}
              <time dateTime={c.createdAt.toISOString()}>{formatMoment(c.createdAt, timeZone)}</time>
            </p>
            <p className="comment-body">{c.body}</p>
          </li>
        ))}
      </ol>
      <CommentForm storyId={storyId} />
    </section>
  );
}
