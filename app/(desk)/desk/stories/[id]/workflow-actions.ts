"use server";

import { revalidatePath } from "next/cache";
import { z } from "@/lib/validation/zod";
import { requireViewer } from "@/lib/auth/viewer";
import { addComment } from "@/lib/comments/commands";
import { formValues, type FormState } from "@/lib/forms/form-state";
import { proposeUpdate, transitionStory } from "@/lib/publishing/commands";
import { getNewsroomSettings } from "@/lib/settings/queries";
import { revalidatePublicChange } from "@/lib/site/revalidate";
import type { VersionChanges } from "@/lib/publishing/version-changes";
import { reviewedVersionSchema } from "@/lib/stories/schemas";
import { STORY_ACTIONS, type StoryAction } from "@/lib/stories/workflow";
import { parseDateTimeLocal } from "@/lib/time/newsroom-time";

// "system_publish" belongs to the scheduler alone: it is not a choice a form can make.
const DESK_ACTIONS = STORY_ACTIONS.filter((a) => a !== "system_publish") as [StoryAction, ...StoryAction[]];

const transitionSchema = z
  .object({
    storyId: z.uuid(),
    action: z.enum(DESK_ACTIONS),
    note: z.string().max(5000, "Keep the note under 5,000 characters.").optional(),
    publishAt: z.string().max(40).optional(),
    correction: z.enum(["on"]).optional(),
    correctionNote: z.string().max(2000, "Keep the correction note under 2,000 characters.").optional(),
    /** The version on the editor's screen; the command requires it for Approve and every publish. */
    reviewedVersion: reviewedVersionSchema.optional(),
  })
  .strict();

/** A refused transition also says what changed since the version the editor read, when that is why. */
export type TransitionFormState = FormState & { changes?: VersionChanges };

const SUCCESS: Record<StoryAction, string> = {
  submit: "Submitted for review.",
  withdraw: "Withdrawn from review.",
  request_changes: "Sent back to the reporter.",
  approve: "Approved.",
  publish: "Published.",
  schedule: "Scheduled.",
  unschedule: "Unscheduled.",
  unpublish: "Unpublished.",
  republish: "Published again.",
  publish_update: "The update is live.",
  system_publish: "Published.",
};

const fieldsOf = (formData: FormData): Record<string, string> => formValues(formData);

export async function transitionStoryAction(_prev: TransitionFormState, formData: FormData): Promise<TransitionFormState> {
  const viewer = await requireViewer();
  const parsed = transitionSchema.safeParse(fieldsOf(formData));
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]?.message ?? "That request was not understood." };
  const input = parsed.data;

  let publishAt: Date | undefined;
  if (input.action === "schedule") {
    const settings = await getNewsroomSettings();
    const parsedTime = parseDateTimeLocal(input.publishAt ?? "", settings?.timeZone ?? "UTC");
    if (!parsedTime.ok) return { ok: false, message: parsedTime.reason, fieldErrors: { publishAt: [parsedTime.reason] } };
    publishAt = parsedTime.date;
  }
  if (input.correction === "on" && !input.correctionNote?.trim()) {
    return { ok: false, message: "Write the correction note readers will see.", fieldErrors: { correctionNote: ["Required for a correction."] } };
  }
  const result = await transitionStory(viewer, {
    storyId: input.storyId,
    action: input.action,
    note: input.note,
    publishAt,
    correctionNote: input.correction === "on" ? input.correctionNote : undefined,
    reviewed: input.reviewedVersion,
  });
  if (!result.ok) return { ok: false, message: result.message, ...(result.kind === "stale" ? { changes: result.changes } : {}) };
  if (result.publicChange) await revalidatePublicChange(result.publicChange);
  revalidatePath(`/desk/stories/${input.storyId}`);
  revalidatePath("/desk", "layout");
  return { ok: true, message: SUCCESS[input.action] };
}

const commentSchema = z.object({ storyId: z.uuid(), body: z.string().max(20_000) }).strict();

export async function addCommentAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const viewer = await requireViewer();
  const parsed = commentSchema.safeParse(fieldsOf(formData));
  if (!parsed.success) return { ok: false, message: "That comment could not be read." };
  const result = await addComment(viewer, parsed.data);
  if (!result.ok) return { ok: false, message: result.message, values: { body: parsed.data.body } };
  revalidatePath(`/desk/stories/${parsed.data.storyId}`);
  return { ok: true, message: "Comment added." };
}

const proposeSchema = z.object({ storyId: z.uuid() }).strict();

export async function proposeUpdateAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const viewer = await requireViewer();
  const parsed = proposeSchema.safeParse(fieldsOf(formData));
  if (!parsed.success) return { ok: false, message: "That request was not understood." };
  const result = await proposeUpdate(viewer, parsed.data.storyId);
  if (!result.ok) return { ok: false, message: result.message };
  revalidatePath(`/desk/stories/${parsed.data.storyId}`);
  revalidatePath("/desk", "layout");
  return { ok: true, message: "The update is waiting for an editor's review." };
}
