"use client";

import { createContext, startTransition, useActionState, useCallback, useContext, useEffect, useRef, useState } from "react";
import { flushEditor } from "./editor-flush";
import { FormMessage } from "@/components/ui/form-feedback";
import { initialFormState, type FormState } from "@/lib/forms/form-state";

type TrashAction = (prev: FormState, formData: FormData) => Promise<FormState>;

/** Moves the focus to the outcome, so a screen reader hears it and the keyboard is not lost. */
function useFocusOnResult(state: FormState) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (state.message) ref.current?.focus();
  }, [state]);
  return ref;
}

/** "Move to trash" on the story page (stories never published only; the page decides whether to show it). */
export function MoveToTrashButton({ storyId, action }: { storyId: string; action: TrashAction }) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  const resultRef = useFocusOnResult(state);
  // A trashed story cannot be edited: the last words typed must reach the story first.
  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    if (!(await flushEditor()).stored) return;
    startTransition(() => formAction(data));
  }
  return (
    <form action={formAction} onSubmit={submit} className="trash-form">
      <input type="hidden" name="storyId" value={storyId} />
      <button type="submit" className="button secondary" disabled={pending}>
        Move to trash
      </button>
      <div ref={resultRef} tabIndex={-1}>
        <FormMessage state={state} />
      </div>
    </form>
  );
}

/**
 * The notice at the top of a trashed story. It takes the focus when it appears, so whoever just
 * moved the story there (or opened it from a link) hears where it is and finds Restore next.
 */
export function TrashBanner({ message, children }: { message: string; children: React.ReactNode }) {
  const ref = useRef<HTMLElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <section ref={ref} tabIndex={-1} className="trash-banner" aria-label="In the trash">
      <p>{message}</p>
      {children}
    </section>
  );
}

/**
 * A restored or deleted story leaves the trash list, and its own message with it: the list keeps
 * one status line that outlives its items, and moves the focus there.
 */
const AnnounceContext = createContext<((message: string) => void) | null>(null);

export function TrashAnnouncer({ children }: { children: React.ReactNode }) {
  const [message, setMessage] = useState("");
  const ref = useRef<HTMLParagraphElement>(null);
  const announce = useCallback((text: string) => setMessage(text), []);
  useEffect(() => {
    if (message) ref.current?.focus();
  }, [message]);
  return (
    <AnnounceContext.Provider value={announce}>
      <p ref={ref} tabIndex={-1} role="status" className="form-ok trash-status">
        {message}
      </p>
      {children}
    </AnnounceContext.Provider>
  );
}

function announcing(action: TrashAction, announce: ((message: string) => void) | null): TrashAction {
  if (!announce) return action;
  return async (prev, formData) => {
    const state = await action(prev, formData);
    if (state.ok && state.message) announce(state.message);
    return state;
  };
}

/** Restore, and delete for good behind a confirmation: used in the trash and on a trashed story's page. */
export function TrashedStoryControls({
  storyId,
  headline,
  restoreAction,
  deleteAction,
}: {
  storyId: string;
  headline: string;
  restoreAction: TrashAction;
  deleteAction: TrashAction;
}) {
  const announce = useContext(AnnounceContext);
  const [restoreState, restore, restoring] = useActionState(announcing(restoreAction, announce), initialFormState);
  const [deleteState, remove, deleting] = useActionState(announcing(deleteAction, announce), initialFormState);
  const [confirming, setConfirming] = useState(false);
  const restoreRef = useFocusOnResult(restoreState);
  const deleteRef = useFocusOnResult(deleteState);
  const label = headline.trim() || "Untitled story";
  return (
    <div className="trash-controls">
      <form action={restore}>
        <input type="hidden" name="storyId" value={storyId} />
        <button type="submit" className="button" disabled={restoring || deleting} aria-describedby={`trash-${storyId}`}>
          Restore
        </button>
      </form>
      {confirming ? (
        <form action={remove} className="trash-confirm">
          <input type="hidden" name="storyId" value={storyId} />
          <p>Delete “{label}” for good? This cannot be undone.</p>
          <button type="submit" className="button danger" disabled={deleting}>
            Confirm delete for good
          </button>
          <button type="button" className="button secondary" onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </form>
      ) : (
        <button type="button" className="button secondary" disabled={restoring || deleting} onClick={() => setConfirming(true)} aria-describedby={`trash-${storyId}`}>
          Delete for good
        </button>
      )}
      <div ref={restoreRef} tabIndex={-1}>
        <FormMessage state={restoreState} />
      </div>
      <div ref={deleteRef} tabIndex={-1}>
        <FormMessage state={deleteState} />
      </div>
    </div>
  );
}
