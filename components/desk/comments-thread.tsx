/**
 * PLACEHOLDER: the review conversation is built on main; the merge replaces this file. The story
 * editor mounts it with exactly this prop.
 */
export function CommentsThread(props: { storyId: string }) {
  void props;
  return null;
}
