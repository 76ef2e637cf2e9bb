import type { Viewer } from "@/lib/auth/viewer";
import type { EditorStory } from "@/lib/stories/queries";

/**
 * PLACEHOLDER: the workflow UI (submit, review, publish…) is built on main; the merge replaces
 * this file. The story editor mounts it with exactly these props.
 */
export function WorkflowPanel(props: { story: EditorStory; viewer: Viewer }) {
  void props;
  return null;
}
