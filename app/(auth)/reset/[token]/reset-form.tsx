"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/ui/form-feedback";
import { NewPasswordField } from "@/components/ui/new-password-field";
import { initialFormState } from "@/lib/forms/form-state";
import { resetPasswordAction } from "./actions";

export function ResetForm({ token, minPasswordLength }: { token: string; minPasswordLength: number }) {
  const [state, formAction, pending] = useActionState(resetPasswordAction, initialFormState);
  return (
    <form action={formAction} noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="token" value={token} />
      <NewPasswordField label="New password" minLength={minPasswordLength} errors={state.fieldErrors?.password} />
      <button type="submit" className="button" disabled={pending}>
        Set new password
      </button>
    </form>
  );
}
