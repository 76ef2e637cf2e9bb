"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/ui/form-feedback";
import { initialFormState } from "@/lib/forms/form-state";
import { signOutEverywhereAction } from "./actions";

export function SignOutEverywhereForm() {
  const [state, formAction, pending] = useActionState(signOutEverywhereAction, initialFormState);
  return (
    <form action={formAction}>
      <FormMessage state={state} />
      <button type="submit" className="button danger" disabled={pending}>
        Sign out everywhere
      </button>
    </form>
  );
}
