import { STATUS_LABELS, type StoryStatus } from "@/lib/stories/workflow";

/** A story's workflow state as a coloured label; the colour is never the only signal (the text is). */
export function StatusBadge({ status }: { status: StoryStatus }) {
  return <span className={`status-badge status-${status.replace(/_/g, "-")}`}>{STATUS_LABELS[status]}</span>;
}
