import type { Viewer } from "@/lib/auth/viewer";
import { readChangesSinceApproval } from "@/lib/publishing/queries";
import { getNewsroomSettings } from "@/lib/settings/queries";
import type { EditorStory } from "@/lib/stories/queries";
import { availableActions } from "@/lib/stories/workflow";
import { toDateTimeLocalValue } from "@/lib/time/newsroom-time";
import { VersionChangesView } from "./version-changes-view";
import { WorkflowControls } from "./workflow-controls";

/** The workflow buttons this viewer may use on this story, in this state. The server re-checks each. */
export async function WorkflowPanel({ story, viewer }: { story: EditorStory; viewer: Viewer }) {
  const [settings, sinceApproval] = await Promise.all([getNewsroomSettings(), readChangesSinceApproval(viewer, story.id)]);
  const timeZone = settings?.timeZone ?? "UTC";
  const isOwner = story.authorId === viewer.id || story.bylines.some((b) => b.userId === viewer.id);
  const hasStagedChanges = !!story.live && story.live.storyVersion !== story.version;
  // An approved story is approved again only for what changed since its approval.
  const actions = availableActions(story.status, viewer.role, isOwner).filter(
    (a) => (a !== "publish_update" || hasStagedChanges) && (a !== "approve" || story.status !== "approved" || sinceApproval !== null),
  );
  const times = publishTimeDefaults(story.scheduledFor, timeZone);
  // A reporter's edits to their live story go to review instead of straight out.
  const canProposeUpdate = isOwner && viewer.role === "reporter" && story.status === "published" && hasStagedChanges && !story.updateProposedAt;
  return (
    <>
      {sinceApproval ? (
        <section className="changed-since-approval" aria-label="Changed since approval">
          <p className="live-differs">Changed since approval</p>
          <p>
            Version {sinceApproval.reviewedVersion} was {story.status === "scheduled" ? "approved and scheduled" : "approved"}
            {sinceApproval.approvedByName ? ` by ${sinceApproval.approvedByName}` : ""}; the story has been saved since (now version {sinceApproval.currentVersion}).{" "}
            {story.status === "scheduled"
              ? "The scheduled version goes live at its time; these changes stay staged until an editor publishes them as an update. To send them at the scheduled time instead, unschedule and schedule again."
              : "Read the changes before approving, scheduling or publishing."}
          </p>
          <VersionChangesView changes={sinceApproval} heading="What changed since approval" />
        </section>
      ) : null}
      <WorkflowControls
        storyId={story.id}
        version={story.version}
        actions={actions}
        timeZone={timeZone}
        defaultPublishAt={times.defaultPublishAt}
        minPublishAt={times.minPublishAt}
        scheduledFor={times.scheduledFor}
        canProposeUpdate={canProposeUpdate}
        updateProposed={!!story.updateProposedAt && hasStagedChanges}
      />
    </>
  );
}

/** The schedule form's starting values, in newsroom wall time: the current schedule, or an hour from now. */
function publishTimeDefaults(scheduledFor: string | null, timeZone: string) {
  const now = new Date();
  const current = scheduledFor ? new Date(scheduledFor) : null;
  return {
    defaultPublishAt: toDateTimeLocalValue(current ?? new Date(now.getTime() + 60 * 60_000), timeZone),
    minPublishAt: toDateTimeLocalValue(now, timeZone),
    scheduledFor: current ? toDateTimeLocalValue(current, timeZone).replace("T", " ") : null,
  };
}
