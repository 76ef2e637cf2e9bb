"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "@/lib/validation/zod";
import { requireViewer } from "@/lib/auth/viewer";
import { fieldErrorsFrom, formValues, type FormState } from "@/lib/forms/form-state";
import { restoreRevision } from "@/lib/stories/commands";

const restoreRevisionSchema = z
  .object({
    storyId: z.uuid(),
    revisionId: z.uuid(),
    baseVersion: z.coerce.number().int().min(1),
  })
  .strict();

/** "Restore this version": copies an old revision into the working copy as a new version. */
export async function restoreRevisionAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  const viewer = await requireViewer(values.storyId ? `/desk/stories/${encodeURIComponent(values.storyId)}/history` : "/desk");
  const parsed = restoreRevisionSchema.safeParse(values);
  if (!parsed.success) return { ok: false, message: "That version cannot be restored.", fieldErrors: fieldErrorsFrom(parsed.error) };
  const result = await restoreRevision(viewer, parsed.data);
  if (!result.ok) {
    const message =
      result.kind === "conflict" ? "The story changed while you were looking; reload the history and try again." : result.message;
    return { ok: false, message };
  }
  revalidatePath("/desk");
  revalidatePath(`/desk/stories/${parsed.data.storyId}`);
  revalidatePath(`/desk/stories/${parsed.data.storyId}/history`);
  redirect(`/desk/stories/${parsed.data.storyId}`);
}
