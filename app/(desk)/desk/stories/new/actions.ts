"use server";

import { redirect, RedirectType } from "next/navigation";
import { revalidatePath } from "next/cache";
import { requireViewer } from "@/lib/auth/viewer";
import { getNewsroomSettings } from "@/lib/settings/queries";
import { createEmptyStory } from "@/lib/stories/commands";
import { newStorySchema } from "@/lib/stories/schemas";

/** A form's own fields, without the ones React adds to identify the action. */
function formFields(input: unknown): unknown {
  if (!(input instanceof FormData)) return input;
  return Object.fromEntries([...input.entries()].filter(([key]) => !key.startsWith("$ACTION")));
}

export type NewStoryState = { ok: false; message: string } | { ok: true };

/**
 * "New story": makes the story (an empty draft owned by the viewer) and opens its own page, so the
 * first key is typed into a story that exists. A POST, never a GET: prefetching or revisiting the
 * "New story" link creates nothing. The redirect replaces /desk/stories/new in the history, so
 * "Back" from the new story does not make another one.
 */
export async function createNewStoryAction(_previous: NewStoryState, input: unknown): Promise<NewStoryState> {
  const viewer = await requireViewer("/desk/stories/new");
  const parsed = newStorySchema.safeParse(formFields(input));
  if (!parsed.success) return { ok: false, message: "The story could not be created." };
  const settings = await getNewsroomSettings();
  const result = await createEmptyStory(viewer, { language: settings?.defaultLanguage ?? "en" });
  if (!result.ok) return { ok: false, message: result.message };
  revalidatePath("/desk");
  redirect(`/desk/stories/${result.storyId}`, RedirectType.replace);
}
