"use client";

import { useActionState, useEffect, useRef, useState, startTransition } from "react";
import { proposeUpdateAction, transitionStoryAction, type TransitionFormState } from "@/app/(desk)/desk/stories/[id]/workflow-actions";
import { initialFormState } from "@/lib/forms/form-state";
import { reviewedVersionToken } from "@/lib/stories/reviewed-version";
import { reviewsVersion, type StoryAction } from "@/lib/stories/workflow";
import { flushEditor } from "./editor-flush";
import { VersionChangesView } from "./version-changes-view";

type Props = {
  storyId: string;
  /** The version this page was rendered with; the open editor's own version takes precedence. */
  version: number;
  actions: StoryAction[];
  timeZone: string;
  defaultPublishAt: string;
  minPublishAt: string;
  scheduledFor: string | null;
  canProposeUpdate: boolean;
  updateProposed: boolean;
};

const SIMPLE: Partial<Record<StoryAction, string>> = {
  submit: "Submit for review",
  withdraw: "Withdraw from review",
  approve: "Approve",
  publish: "Publish now",
  unschedule: "Unschedule",
  republish: "Publish again",
};

type Open = "request_changes" | "schedule" | "unpublish" | null;

/** The button that repeats a refused transition for the version the editor has just read the changes of. */
const RETRY_LABELS: Partial<Record<StoryAction, (version: number) => string>> = {
  approve: (v) => `Approve version ${v}`,
  publish: (v) => `Publish version ${v}`,
  schedule: (v) => `Schedule version ${v}`,
  republish: (v) => `Publish version ${v} again`,
  publish_update: (v) => `Publish version ${v} as the update`,
};

export function WorkflowControls({ storyId, version, actions, timeZone, defaultPublishAt, minPublishAt, scheduledFor, canProposeUpdate, updateProposed }: Props) {
  const [transitionState, formAction, pending] = useActionState<TransitionFormState, FormData>(transitionStoryAction, initialFormState);
  const [proposeState, proposeAction, proposing] = useActionState(proposeUpdateAction, initialFormState);
  const state = proposeState.message && !transitionState.message ? proposeState : transitionState;
  const [open, setOpen] = useState<Open>(null);
  const [correction, setCorrection] = useState(false);
  const has = (a: StoryAction) => actions.includes(a);

  // The form of a transition refused because the story changed: repeated, once read, for the newer version.
  const refusedForm = useRef<FormData | null>(null);
  const [submittedAction, setSubmittedAction] = useState<StoryAction | null>(null);
  const retried = useRef(false);

  // Pending edits are stored first, so the transition applies to the text on screen, and names the
  // version on screen as the one the editor read.
  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const flushed = await flushEditor();
    if (!flushed.stored) return;
    if (reviewsVersion(data.get("action") as StoryAction)) data.set("reviewedVersion", reviewedVersionToken(flushed.version ?? version));
    refusedForm.current = data;
    setSubmittedAction(data.get("action") as StoryAction);
    retried.current = false;
    startTransition(() => formAction(data));
    setOpen(null);
  }

  const changes = transitionState.changes;
  const retryLabel = changes && submittedAction ? RETRY_LABELS[submittedAction]?.(changes.currentVersion) : undefined;

  // The editor has read what changed: the same request again, now naming the newer version.
  async function retryWithNewerVersion() {
    const previous = refusedForm.current;
    if (!previous || !changes) return;
    const flushed = await flushEditor();
    if (!flushed.stored) return;
    const data = new FormData();
    for (const [key, value] of previous.entries()) data.append(key, value);
    data.set("reviewedVersion", reviewedVersionToken(changes.currentVersion));
    retried.current = true;
    startTransition(() => formAction(data));
  }

  useEffect(() => {
    // The open editor still shows the older text: load the version that was just approved or published.
    if (transitionState.ok && retried.current) window.location.reload();
  }, [transitionState]);

  const hidden = (action: StoryAction) => (
    <>
      <input type="hidden" name="storyId" value={storyId} />
      <input type="hidden" name="action" value={action} />
    </>
  );

  async function propose(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    if (!(await flushEditor()).stored) return;
    startTransition(() => proposeAction(data));
  }

  // After every action the focus goes to its outcome: the button that was pressed may be gone
  // (Submit for review disappears once the story is in review), and the keyboard must not be lost.
  const messageRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (state.message) messageRef.current?.focus();
  }, [state]);

  if (actions.length === 0 && !state.message && !canProposeUpdate && !updateProposed) return null;
  return (
    <section className="workflow-panel" aria-label="Workflow">
      {state.message ? (
        // The editor's save state is the page's one role="status"; this announces politely without it.
        <p ref={messageRef} tabIndex={-1} role={state.ok ? undefined : "alert"} aria-live="polite" className={state.ok ? "form-ok" : "form-error"}>
          {state.message}
        </p>
      ) : null}
      {changes ? (
        <div className="stale-version">
          <VersionChangesView changes={changes} heading="What changed since the version you read" />
          {retryLabel ? (
            <button type="button" className="button danger" disabled={pending} onClick={retryWithNewerVersion}>
              {retryLabel}
            </button>
          ) : null}
        </div>
      ) : null}
      {scheduledFor ? <p>Scheduled for {scheduledFor} ({timeZone})</p> : null}
      {updateProposed ? <p className="live-differs">Your update to the live story is waiting for an editor&apos;s review.</p> : null}
      {canProposeUpdate ? (
        <form onSubmit={propose}>
          <input type="hidden" name="storyId" value={storyId} />
          <p className="muted">Readers see the published version until an editor publishes your update.</p>
          <button type="submit" className="button" disabled={proposing}>
            Submit update for review
          </button>
        </form>
      ) : null}
      <div className="workflow-buttons">
        {(Object.keys(SIMPLE) as StoryAction[]).filter(has).map((action) => (
          <form key={action} onSubmit={submit}>
            {hidden(action)}
            <button type="submit" className={action === "publish" ? "button danger" : "button"} disabled={pending}>
              {SIMPLE[action]}
            </button>
          </form>
        ))}
        {has("request_changes") ? (
          <button type="button" className="button secondary" aria-expanded={open === "request_changes"} onClick={() => setOpen(open === "request_changes" ? null : "request_changes")}>
            Request changes
          </button>
        ) : null}
        {has("schedule") ? (
          <button type="button" className="button secondary" aria-expanded={open === "schedule"} onClick={() => setOpen(open === "schedule" ? null : "schedule")}>
            Schedule
          </button>
        ) : null}
        {has("unpublish") ? (
          <button type="button" className="button secondary" aria-expanded={open === "unpublish"} onClick={() => setOpen(open === "unpublish" ? null : "unpublish")}>
            Unpublish
          </button>
        ) : null}
      </div>

      {open === "request_changes" ? (
        <form onSubmit={submit} className="workflow-form">
          {hidden("request_changes")}
          <div className="field">
            <label htmlFor="wf-note">Note to reporter</label>
            <textarea id="wf-note" name="note" rows={4} required maxLength={5000} />
          </div>
          <button type="submit" className="button" disabled={pending}>
            Send back
          </button>
        </form>
      ) : null}

      {open === "schedule" ? (
        <form onSubmit={submit} className="workflow-form">
          {hidden("schedule")}
          <div className="field">
            <label htmlFor="wf-publish-at">Publish at</label>
            <input id="wf-publish-at" name="publishAt" type="datetime-local" defaultValue={defaultPublishAt} min={minPublishAt} required aria-describedby="wf-zone" />
            <small id="wf-zone">Newsroom time ({timeZone})</small>
          </div>
          <button type="submit" className="button" disabled={pending}>
            Confirm schedule
          </button>
        </form>
      ) : null}

      {open === "unpublish" ? (
        <form onSubmit={submit} className="workflow-form">
          {hidden("unpublish")}
          <div className="field">
            <label htmlFor="wf-reason">Reason</label>
            <input id="wf-reason" name="note" required maxLength={5000} />
          </div>
          <button type="submit" className="button danger" disabled={pending}>
            Confirm unpublish
          </button>
        </form>
      ) : null}

      {has("publish_update") ? (
        <form onSubmit={submit} className="workflow-form publish-update">
          {hidden("publish_update")}
          <p className="muted">Readers see the live version until you publish the update.</p>
          <div className="field checkbox">
            <label>
              <input type="checkbox" name="correction" checked={correction} onChange={(e) => setCorrection(e.target.checked)} /> This update is a correction
            </label>
          </div>
          {correction ? (
            <div className="field">
              <label htmlFor="wf-correction">Correction note</label>
              <textarea id="wf-correction" name="correctionNote" rows={3} required maxLength={2000} />
            </div>
          ) : null}
          <button type="submit" className="button danger" disabled={pending}>
            Publish update
          </button>
        </form>
      ) : null}
    </section>
  );
}
