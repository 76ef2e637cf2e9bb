"use server";

import { revalidatePath } from "next/cache";
import { z } from "@/lib/validation/zod";
import { requireViewer } from "@/lib/auth/viewer";
import { fieldErrorsFrom, formValues, type FormState } from "@/lib/forms/form-state";
import { createSection } from "@/lib/sections/commands";

const sectionSchema = z
  .object({
    name: z.string().trim().min(1, "Give the section a name.").max(80, "Keep the name under 80 characters."),
    parentId: z.union([z.literal(""), z.uuid()]).transform((v) => (v === "" ? null : v)),
    slug: z.string().trim().max(80).optional(),
    description: z.string().trim().max(500).optional(),
  })
  .strict();

export async function createSectionAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const viewer = await requireViewer("/desk/sections");
  const values = formValues(formData);
  const parsed = sectionSchema.safeParse(values);
  if (!parsed.success) return { ok: false, message: "Please correct the fields below.", fieldErrors: fieldErrorsFrom(parsed.error), values };
  const result = await createSection(viewer, parsed.data);
  if (!result.ok) return { ok: false, message: result.message, fieldErrors: result.fieldErrors, values };
  revalidatePath("/desk/sections");
  return { ok: true, message: `Section created at /${result.path}.` };
}
