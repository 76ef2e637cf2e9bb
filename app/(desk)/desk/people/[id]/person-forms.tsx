"use client";

import { useActionState } from "react";
import { CopyField } from "@/components/ui/copy-field";
import { FormMessage } from "@/components/ui/form-feedback";
import type { Role } from "@/lib/auth/policy";
import { initialFormState } from "@/lib/forms/form-state";
import { ROLE_OPTIONS } from "@/lib/people/roles";
import { changeRoleAction, issuePasswordResetAction, setAccessAction, type ResetLinkState } from "./actions";

export function ChangeRoleForm({ userId, role }: { userId: string; role: Role }) {
  const [state, formAction, pending] = useActionState(changeRoleAction, initialFormState);
  return (
    <form action={formAction} className="inline-form">
      <FormMessage state={state} />
      <input type="hidden" name="userId" value={userId} />
      <div className="field">
        <label htmlFor="person-role">Role</label>
        <select id="person-role" name="role" defaultValue={role} key={role}>
          {ROLE_OPTIONS.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="button" disabled={pending}>
        Change role
      </button>
    </form>
  );
}

export function AccessForm({ userId, active }: { userId: string; active: boolean }) {
  const [state, formAction, pending] = useActionState(setAccessAction, initialFormState);
  return (
    <form action={formAction} className="inline-form">
      <FormMessage state={state} />
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="access" value={active ? "deactivate" : "reactivate"} />
      <button type="submit" className={active ? "button danger" : "button"} disabled={pending}>
        {active ? "Deactivate" : "Reactivate"}
      </button>
    </form>
  );
}

const initialResetState: ResetLinkState = { ok: false };

export function PasswordResetForm({ userId }: { userId: string }) {
  const [state, formAction, pending] = useActionState(issuePasswordResetAction, initialResetState);
  return (
    <form action={formAction} className="inline-form">
      <FormMessage state={state} />
      <input type="hidden" name="userId" value={userId} />
      <button type="submit" className="button secondary" disabled={pending}>
        Create password reset link
      </button>
      {state.ok && state.resetUrl ? <CopyField id="reset-link" label="Password reset link" value={state.resetUrl} /> : null}
    </form>
  );
}
