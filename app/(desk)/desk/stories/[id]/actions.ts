"use server";

import { revalidatePath } from "next/cache";
import { requireViewer } from "@/lib/auth/viewer";
import { invalidDraftResult, type SaveStoryActionResult } from "@/lib/stories/action-results";
import { saveStory } from "@/lib/stories/commands";
import { saveStorySchema } from "@/lib/stories/schemas";

/**
 * Autosave and manual save of the working copy. The command checks the row (owner, role, state)
 * and the version; this action only authenticates, parses and reports.
 */
export async function saveStoryAction(input: unknown): Promise<SaveStoryActionResult> {
  const storyId = typeof input === "object" && input && "storyId" in input ? String((input as { storyId: unknown }).storyId) : "";
  const viewer = await requireViewer(/^[0-9a-f-]{36}$/i.test(storyId) ? `/desk/stories/${storyId}` : "/desk");
  const parsed = saveStorySchema.safeParse(input);
  if (!parsed.success) return invalidDraftResult(parsed.error.issues);
  const result = await saveStory(viewer, parsed.data);
  if (result.ok && parsed.data.kind === "manual") {
    // Autosaves skip this on purpose: nothing cached depends on the working copy, and any
    // revalidation makes Next re-render the editor page and ship the whole body back every 10 s.
    revalidatePath("/desk");
    revalidatePath(`/desk/stories/${result.storyId}/history`);
  }
  if (result.ok) return { ok: true, storyId: result.storyId, version: result.version, savedAt: result.savedAt, slug: result.slug };
  if (result.kind === "conflict") return { ok: false, kind: "conflict", message: result.message, server: result.server, keptRevisionNumber: result.keptRevisionNumber };
  if (result.kind === "invalid") return { ok: false, kind: "invalid", message: result.message, fieldErrors: result.fieldErrors };
  return { ok: false, kind: result.kind, message: result.message };
}
