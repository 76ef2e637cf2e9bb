"use server";

import { redirect } from "next/navigation";
import { z } from "@/lib/validation/zod";
import { newPasswordSchema } from "@/lib/auth/password-rule";
import { getRequestIp } from "@/lib/auth/request-ip";
import { startSession } from "@/lib/auth/viewer";
import { fieldErrorsFrom, formValues, type FormState } from "@/lib/forms/form-state";
import { completePasswordReset } from "@/lib/people/commands";

const resetSchema = z
  .object({
    token: z.string().max(100),
    password: newPasswordSchema,
  })
  .strict();

export async function resetPasswordAction(_prev: FormState, formData: FormData): Promise<FormState> {
  // Nobody is signed in: the one-time token is the guard, checked (and spent) inside the command.
  const values = formValues(formData, ["password"]);
  const parsed = resetSchema.safeParse({ ...values, password: formData.get("password") });
  if (!parsed.success) return { ok: false, message: "Please correct the fields below.", fieldErrors: fieldErrorsFrom(parsed.error) };
  const result = await completePasswordReset(parsed.data.token, parsed.data.password, await getRequestIp());
  if (!result.ok) return { ok: false, message: result.message };
  // Every older session just ended (session_epoch); this browser starts a fresh one.
  await startSession(result.user);
  redirect("/desk");
}
