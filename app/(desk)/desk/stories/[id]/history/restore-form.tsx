"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/ui/form-feedback";
import { initialFormState } from "@/lib/forms/form-state";
import { restoreRevisionAction } from "./actions";

/** "Restore this version": the old text becomes a new version; no version is ever removed. */
export function RestoreForm({
  storyId,
  revisionId,
  baseVersion,
  number,
  savedAt,
  savedBy,
}: {
  storyId: string;
  revisionId: string;
  baseVersion: number;
  number: number;
  savedAt: string;
  savedBy: string;
}) {
  const [state, formAction, pending] = useActionState(restoreRevisionAction, initialFormState);
  return (
    <form action={formAction} className="restore-form">
      <input type="hidden" name="storyId" value={storyId} />
      <input type="hidden" name="revisionId" value={revisionId} />
      <input type="hidden" name="baseVersion" value={baseVersion} />
      <FormMessage state={state} />
      <p className="muted" id="restore-description">
        Restoring copies version {number} (saved {savedAt} by {savedBy}) into the story as a new version. Nothing is deleted: the current text stays in
        this history.
      </p>
      <button type="submit" className="button" disabled={pending} aria-busy={pending} aria-describedby="restore-description">
        Restore this version
      </button>
    </form>
  );
}
