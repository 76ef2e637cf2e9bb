"use server";

import { revalidatePath } from "next/cache";
import { z } from "@/lib/validation/zod";
import { requireViewer } from "@/lib/auth/viewer";
import { formValues, type FormState } from "@/lib/forms/form-state";
import { deleteStoryForGood, moveStoryToTrash, restoreStoryFromTrash, type TrashResult } from "@/lib/stories/trash";

const storySchema = z.object({ storyId: z.uuid() }).strict();

async function run(formData: FormData, command: (viewer: Awaited<ReturnType<typeof requireViewer>>, storyId: string) => Promise<TrashResult>, success: string): Promise<FormState> {
  const viewer = await requireViewer();
  const parsed = storySchema.safeParse(formValues(formData));
  if (!parsed.success) return { ok: false, message: "That request was not understood." };
  const result = await command(viewer, parsed.data.storyId);
  if (!result.ok) return { ok: false, message: result.message };
  revalidatePath(`/desk/stories/${parsed.data.storyId}`);
  revalidatePath("/desk", "layout");
  return { ok: true, message: success };
}

export async function moveStoryToTrashAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return run(formData, moveStoryToTrash, "Moved to the trash. It will be deleted for good after 30 days unless it is restored.");
}

export async function restoreStoryFromTrashAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return run(formData, restoreStoryFromTrash, "Restored from the trash.");
}

export async function deleteStoryForGoodAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return run(formData, deleteStoryForGood, "Deleted for good.");
}
