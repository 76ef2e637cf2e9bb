/**
 * Lets the workflow controls ask the story editor to store pending edits before a transition,
 * so "Submit for review" never submits an older text than the one on screen.
 */
type Flush = () => Promise<boolean>;
let current: Flush | null = null;

export function registerEditorFlush(flush: Flush): () => void {
  current = flush;
  return () => {
    if (current === flush) current = null;
  };
}

/** True when there was nothing to store or the editor stored it. */
export async function flushEditor(): Promise<boolean> {
  return current ? current() : true;
}
