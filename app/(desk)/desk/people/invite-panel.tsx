"use client";

import { useActionState, useId, useState } from "react";
import { FieldError, FormMessage } from "@/components/ui/form-feedback";
import { CopyField } from "@/components/ui/copy-field";
import { ROLE_OPTIONS } from "@/lib/people/roles";
import { createInviteAction, type InviteFormState } from "./actions";

const initialState: InviteFormState = { ok: false };

/** "Invite someone" opens the form; a created invite's link is shown once, to copy. */
export function InvitePanel() {
  const [open, setOpen] = useState(false);
  const [state, formAction, pending] = useActionState(createInviteAction, initialState);
  const formId = useId();
  const v = state.values ?? {};
  return (
    <section className="panel" aria-labelledby="invite-heading">
      <h2 id="invite-heading">Invites</h2>
      <button type="button" className="button" aria-expanded={open} aria-controls={formId} onClick={() => setOpen((o) => !o)}>
        Invite someone
      </button>
      <div id={formId} hidden={!open}>
        <form action={formAction} noValidate className="invite-form">
          <FormMessage state={state} />
          <div className="field">
            <label htmlFor="invite-name">Name</label>
            <input id="invite-name" name="name" required autoComplete="off" defaultValue={v.name} aria-describedby="invite-name-error" />
            <FieldError id="invite-name-error" errors={state.fieldErrors?.name} />
          </div>
          <div className="field">
            <label htmlFor="invite-email">Email</label>
            <input id="invite-email" name="email" type="email" required autoComplete="off" defaultValue={v.email} aria-describedby="invite-email-error" />
            <FieldError id="invite-email-error" errors={state.fieldErrors?.email} />
          </div>
          <div className="field">
            <label htmlFor="invite-role">Role</label>
            <select id="invite-role" name="role" defaultValue={v.role ?? "reporter"} aria-describedby="invite-role-error">
              {ROLE_OPTIONS.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
            <FieldError id="invite-role-error" errors={state.fieldErrors?.role} />
          </div>
          <button type="submit" className="button" disabled={pending}>
            Create invite
          </button>
        </form>
        {state.ok && state.inviteUrl ? <CopyField id="invite-link" label="Invite link" value={state.inviteUrl} /> : null}
      </div>
    </section>
  );
}
