import type { Viewer } from "@/lib/auth/viewer";
import { getNewsroomSettings } from "@/lib/settings/queries";
import type { EditorStory } from "@/lib/stories/queries";
import { availableActions } from "@/lib/stories/workflow";
import { toDateTimeLocalValue } from "@/lib/time/newsroom-time";
import { WorkflowControls } from "./workflow-controls";

/** The workflow buttons this viewer may use on this story, in this state. The server re-checks each. */
export async function WorkflowPanel({ story, viewer }: { story: EditorStory; viewer: Viewer }) {
  const settings = await getNewsroomSettings();
  const timeZone = settings?.timeZone ?? "UTC";
  const isOwner = story.authorId === viewer.id || story.bylines.some((b) => b.userId === viewer.id);
  const hasStagedChanges = !!story.live && story.live.storyVersion !== story.version;
  const actions = availableActions(story.status, viewer.role, isOwner).filter((a) => a !== "publish_update" || hasStagedChanges);
  const times = publishTimeDefaults(story.scheduledFor, timeZone);
  // A reporter's edits to their live story go to review instead of straight out.
  const canProposeUpdate = isOwner && viewer.role === "reporter" && story.status === "published" && hasStagedChanges && !story.updateProposedAt;
  return (
    <WorkflowControls
      storyId={story.id}
      actions={actions}
      timeZone={timeZone}
      defaultPublishAt={times.defaultPublishAt}
      minPublishAt={times.minPublishAt}
      scheduledFor={times.scheduledFor}
      canProposeUpdate={canProposeUpdate}
      updateProposed={!!story.updateProposedAt && hasStagedChanges}
    />
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
