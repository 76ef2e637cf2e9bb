"use client";

import { useActionState } from "react";
import { FieldError, FormMessage } from "@/components/ui/form-feedback";
import { NewPasswordField } from "@/components/ui/new-password-field";
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
      <NewPasswordField label="Password" minLength={minPasswordLength} errors={state.fieldErrors?.password} />
      <button type="submit" className="button" disabled={pending}>
        Join newsroom
      </button>
    </form>
  );
}
