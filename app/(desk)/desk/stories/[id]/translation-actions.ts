"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "@/lib/validation/zod";
import { requireViewer } from "@/lib/auth/viewer";
import { LANGUAGES } from "@/lib/content/languages";
import { formValues, type FormState } from "@/lib/forms/form-state";
import { revalidatePublicChange } from "@/lib/site/revalidate";
import { addTranslation, linkTranslations } from "@/lib/stories/commands";
import { readEditorStory } from "@/lib/stories/queries";

const languageCodes = LANGUAGES.map((l) => l.code) as [(typeof LANGUAGES)[number]["code"], ...(typeof LANGUAGES)[number]["code"][]];

const addSchema = z.object({ storyId: z.uuid(), language: z.enum(languageCodes, { message: "Choose a language from the list." }) }).strict();

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

const linkSchema = z
  .object({
    storyId: z.uuid(),
    // The other story's desk address (pasted from the address bar) or its id.
    translation: z
      .string()
      .trim()
      .max(500)
      .transform((value, ctx) => {
        const id = UUID.exec(value)?.[0]?.toLowerCase();
        if (!id) ctx.addIssue({ code: "custom", message: "Paste the other story's desk address (…/desk/stories/…)." });
        return id ?? "";
      }),
  })
  .strict();

/** "Add translation": a linked draft in another language, then the translator lands in it. */
export async function addTranslationAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const viewer = await requireViewer();
  const parsed = addSchema.safeParse(formValues(formData));
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]?.message ?? "That request was not understood." };
  const result = await addTranslation(viewer, parsed.data.storyId, parsed.data.language);
  if (!result.ok) return { ok: false, message: result.message };
  await refreshLivePages([parsed.data.storyId]);
  revalidatePath("/desk", "layout");
  redirect(`/desk/stories/${result.storyId}`);
}

/** "Link translation": joins an existing story to this one's translation group. */
export async function linkTranslationAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const viewer = await requireViewer();
  const parsed = linkSchema.safeParse(formValues(formData));
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]?.message ?? "That request was not understood.", fieldErrors: { translation: parsed.error.issues.map((i) => i.message) } };
  const { storyId, translation } = parsed.data;
  if (translation === storyId) return { ok: false, message: "That is this story; paste the address of its translation.", fieldErrors: { translation: ["That is this story."] } };
  const result = await linkTranslations(viewer, [storyId, translation]);
  if (!result.ok) return { ok: false, message: result.message };
  await refreshLivePages([storyId, translation]);
  revalidatePath(`/desk/stories/${storyId}`);
  revalidatePath(`/desk/stories/${translation}`);
  return { ok: true, message: "Linked as translations." };
}

/** Live pages of these stories gain "Read in …" links and hreflang alternates. */
async function refreshLivePages(storyIds: readonly string[]): Promise<void> {
  for (const storyId of storyIds) {
    const story = await readEditorStory(storyId);
    if (story?.live) await revalidatePublicChange({ storyId, sectionIds: [], paths: [story.live.path] });
  }
}
