"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "@/lib/validation/zod";
import { clientIpFrom } from "@/lib/auth/client-ip";
import { newPasswordSchema } from "@/lib/auth/password-rule";
import { startSession } from "@/lib/auth/viewer";
import { fieldErrorsFrom, formValues, type FormState } from "@/lib/forms/form-state";
import { countUsers } from "@/lib/people/queries";
import { setUpNewsroom } from "@/lib/settings/commands";
import { addSampleContent } from "@/lib/stories/sample-content";
import { revalidatePublicChange, revalidateSiteStructure } from "@/lib/site/revalidate";
import { LANGUAGES } from "@/lib/content/languages";
import { isValidTimeZone } from "@/lib/time/newsroom-time";

const setupSchema = z
  .object({
    newsroomName: z.string().trim().min(1, "Give the newsroom a name.").max(120, "Keep the name under 120 characters."),
    name: z.string().trim().min(1, "Tell us your name.").max(120, "Keep your name under 120 characters."),
    email: z.string().trim().max(320).pipe(z.email("Enter a valid email address.")),
    password: newPasswordSchema,
    timeZone: z.string().refine(isValidTimeZone, "Choose a time zone from the list."),
    defaultLanguage: z.enum(LANGUAGES.map((l) => l.code) as [string, ...string[]], { message: "Choose a language from the list." }),
    sampleContent: z.enum(["on"]).optional(),
  })
  .strict();

export async function createNewsroomAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData, ["password"]);
  // No viewer exists yet; the guard is "nobody has set this newsroom up", checked again inside the command.
  if ((await countUsers()) > 0) return { ok: false, message: "This newsroom is already set up. Sign in instead.", values };
  const parsed = setupSchema.safeParse({ ...values, password: formData.get("password") });
  if (!parsed.success) return { ok: false, message: "Please correct the fields below.", fieldErrors: fieldErrorsFrom(parsed.error), values };
  const ip = clientIpFrom(await headers());
  const result = await setUpNewsroom(parsed.data, ip);
  if (!result.ok) return { ok: false, message: result.message, values };
  if (parsed.data.sampleContent === "on") {
    const change = await addSampleContent(result.admin.id);
    if (change) await revalidatePublicChange(change);
  }
  // The public pages cached before setup show the placeholder name and no sections.
  await revalidateSiteStructure();
  await startSession(result.admin);
  redirect("/desk");
}
