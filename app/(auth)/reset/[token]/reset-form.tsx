"use client";

import { useActionState } from "react";
import { FieldError, FormMessage } from "@/components/ui/form-feedback";
import { initialFormState } from "@/lib/forms/form-state";
import { resetPasswordAction } from "./actions";

export function ResetForm({ token, minPasswordLength }: { token: string; minPasswordLength: number }) {
  const [state, formAction, pending] = useActionState(resetPasswordAction, initialFormState);
  return (
    <form action={formAction} noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="token" value={token} />
      <div className="field">
        <label htmlFor="password">New password</label>
        <input
          id="password"
          name="password"
          type="password"
          required
          minLength={minPasswordLength}
          autoComplete="new-password"
          aria-describedby="password-hint password-error"
        />
        <small id="password-hint">At least {minPasswordLength} characters.</small>
        <FieldError id="password-error" errors={state.fieldErrors?.password} />
      </div>
      <button type="submit" className="button" disabled={pending}>
        Set new password
      </button>
    </form>
  );
}
