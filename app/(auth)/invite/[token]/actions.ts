"use server";

import { redirect } from "next/navigation";
import { z } from "@/lib/validation/zod";
import { newPasswordSchema } from "@/lib/auth/password-rule";
import { getRequestIp } from "@/lib/auth/request-ip";
import { startSession } from "@/lib/auth/viewer";
import { fieldErrorsFrom, formValues, type FormState } from "@/lib/forms/form-state";
import { acceptInvite } from "@/lib/people/commands";

const joinSchema = z
  .object({
    token: z.string().max(100),
    name: z.string().trim().min(1, "Tell us your name.").max(120, "Keep your name under 120 characters."),
    password: newPasswordSchema,
  })
  .strict();

export async function joinNewsroomAction(_prev: FormState, formData: FormData): Promise<FormState> {
  // Nobody is signed in yet: the one-time token is the guard, checked (and spent) inside the command.
  const values = formValues(formData, ["password"]);
  const parsed = joinSchema.safeParse({ ...values, password: formData.get("password") });
  if (!parsed.success) return { ok: false, message: "Please correct the fields below.", fieldErrors: fieldErrorsFrom(parsed.error), values };
  const result = await acceptInvite(parsed.data.token, { name: parsed.data.name, password: parsed.data.password }, await getRequestIp());
  if (!result.ok) return { ok: false, message: result.message, values };
  await startSession(result.user);
  redirect("/desk");
}
