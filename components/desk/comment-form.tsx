"use client";

import { useActionState, useEffect, useRef } from "react";
import { addCommentAction } from "@/app/(desk)/desk/stories/[id]/workflow-actions";
import { initialFormState } from "@/lib/forms/form-state";

export function CommentForm({ storyId }: { storyId: string }) {
  const [state, formAction, pending] = useActionState(addCommentAction, initialFormState);
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state.ok) form.current?.reset();
  }, [state]);
  return (
    <form ref={form} action={formAction} className="comment-form">
      <input type="hidden" name="storyId" value={storyId} />
      <div className="field">
        <label htmlFor="comment-body">Add a comment</label>
        <textarea id="comment-body" name="body" rows={3} required maxLength={5000} defaultValue={state.ok ? "" : state.values?.body} />
      </div>
      {state.message && !state.ok ? (
        <p role="alert" className="form-error">
          {state.message}
        </p>
      ) : null}
      <button type="submit" className="button" disabled={pending}>
        Comment
      </button>
    </form>
  );
}
