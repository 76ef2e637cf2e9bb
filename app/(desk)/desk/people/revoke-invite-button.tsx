"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/ui/form-feedback";
import { initialFormState } from "@/lib/forms/form-state";
import { revokeInviteAction } from "./actions";

export function RevokeInviteButton({ inviteId, email }: { inviteId: string; email: string }) {
  const [state, formAction, pending] = useActionState(revokeInviteAction, initialFormState);
  return (
    <form action={formAction}>
      <input type="hidden" name="inviteId" value={inviteId} />
      <button type="submit" className="button secondary small" disabled={pending} aria-label={`Revoke invite for ${email}`}>
        Revoke
      </button>
      {state.ok ? null : <FormMessage state={state} />}
    </form>
  );
}
