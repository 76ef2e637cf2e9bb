"use server";

import { revalidatePath } from "next/cache";
import { requireViewer } from "@/lib/auth/viewer";
import { invalidDraftResult, type SaveStoryActionResult } from "@/lib/stories/action-results";
import { createStory } from "@/lib/stories/commands";
import { createStorySchema } from "@/lib/stories/schemas";

/** The first save of a new story creates it; every later save goes through saveStoryAction. */
export async function createStoryAction(input: unknown): Promise<SaveStoryActionResult> {
  const viewer = await requireViewer("/desk/stories/new");
  const parsed = createStorySchema.safeParse(input);
  if (!parsed.success) return invalidDraftResult(parsed.error.issues);
  const result = await createStory(viewer, parsed.data.draft);
  if (result.ok) {
    revalidatePath("/desk");
    return { ok: true, storyId: result.storyId, version: result.version, savedAt: result.savedAt, slug: result.slug };
  }
  if (result.kind === "invalid") return { ok: false, kind: "invalid", message: result.message, fieldErrors: result.fieldErrors };
  if (result.kind === "conflict") return { ok: false, kind: "forbidden", message: "The story could not be created." };
  return { ok: false, kind: result.kind, message: result.message };
}
