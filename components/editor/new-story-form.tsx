"use client";

import { useActionState, useEffect, useRef } from "react";
import type { NewStoryState } from "@/app/(desk)/desk/stories/new/actions";

/**
 * Posts "New story" as soon as the page is shown (once per page, however often React renders
 * it), so the writer lands in a story that exists. Without JavaScript the button does the same.
 */
export function NewStoryForm({ action }: { action: (state: NewStoryState, data: FormData) => Promise<NewStoryState> }) {
  const [state, formAction, pending] = useActionState(action, { ok: true });
  const form = useRef<HTMLFormElement>(null);
  const submitted = useRef(false);
  useEffect(() => {
    if (submitted.current) return;
    submitted.current = true;
    form.current?.requestSubmit();
  }, []);
  return (
    <form ref={form} action={formAction} className="new-story-form">
      <input type="hidden" name="intent" value="new-story" />
      {state.ok ? (
        <p role="status">{pending ? "Creating the story…" : "Opening a new story…"}</p>
      ) : (
        <p role="alert" className="form-error">
          {state.message}
        </p>
      )}
      <button type="submit" className="button" disabled={pending}>
        Start a new story
      </button>
    </form>
  );
}
