"use client";

import { useActionState } from "react";
import { FieldError, FormMessage } from "@/components/ui/form-feedback";
import { initialFormState } from "@/lib/forms/form-state";
import { joinNewsroomAction } from "./actions";

export function JoinForm({ token, suggestedName, minPasswordLength }: { token: string; suggestedName: string; minPasswordLength: number }) {
  const [state, formAction, pending] = useActionState(joinNewsroomAction, initialFormState);
  return (
    <form action={formAction} noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="token" value={token} />
      <div className="field">
        <label htmlFor="name">Your name</label>
        <input id="name" name="name" required autoComplete="name" defaultValue={state.values?.name ?? suggestedName} aria-describedby="name-error" />
        <FieldError id="name-error" errors={state.fieldErrors?.name} />
      </div>
      <div className="field">
        <label htmlFor="password">Password</label>
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
        Join newsroom
      </button>
    </form>
  );
}
