/**
 * Lets the workflow controls ask the story editor to store pending edits before a transition,
 * so "Submit for review" never submits an older text than the one on screen, and learn which
 * version is on screen once stored: Approve and every publish name it, so the server can refuse
 * when the story moved on after the editor read it.
 */
export type FlushResult = {
  /** True when there was nothing to store or the editor stored it. */
  stored: boolean;
  /** The version the editor shows (null when no editor is open: the page's own version applies). */
  version: number | null;
};

type Flush = () => Promise<FlushResult>;
let current: Flush | null = null;

export function registerEditorFlush(flush: Flush): () => void {
  current = flush;
  return () => {
    if (current === flush) current = null;
  };
}

export async function flushEditor(): Promise<FlushResult> {
  return current ? current() : { stored: true, version: null };
}
