import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePagePermission } from "@/lib/auth/viewer";
import { findPerson } from "@/lib/people/queries";
import { ROLE_LABELS } from "@/lib/people/roles";
import { getNewsroomSettings } from "@/lib/settings/queries";
import { formatMoment } from "@/lib/time/format-moment";
import { AccessForm, ChangeRoleForm, PasswordResetForm } from "./person-forms";

export const metadata: Metadata = { title: "Person" };

export default async function PersonPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const viewer = await requirePagePermission("people.manage", `/desk/people/${id}`);
  const [person, settings] = await Promise.all([findPerson(viewer, id), getNewsroomSettings()]);
  if (!person) notFound();
  const timeZone = settings?.timeZone ?? "UTC";
  return (
    <>
      <p>
        <Link href="/desk/people">All people</Link>
      </p>
      <h1>{person.name}</h1>
      <dl className="facts">
        <dt>Email</dt>
        <dd>{person.email}</dd>
        <dt>Current role</dt>
        <dd>{ROLE_LABELS[person.role]}</dd>
        <dt>Status</dt>
        <dd>{person.active ? "Active" : "Deactivated"}</dd>
        <dt>Joined</dt>
        <dd>{formatMoment(person.createdAt, timeZone)}</dd>
        <dt>Last signed in</dt>
        <dd>{person.lastSignInAt ? formatMoment(person.lastSignInAt, timeZone) : "Never"}</dd>
      </dl>

      <section className="panel" aria-labelledby="role-heading">
        <h2 id="role-heading">Role</h2>
        <ChangeRoleForm userId={person.id} role={person.role} />
      </section>

      <section className="panel" aria-labelledby="access-heading">
        <h2 id="access-heading">Access</h2>
        <p className="hint">
          {person.active
            ? "Deactivating ends their open sessions at once and stops them signing in. Their stories and bylines stay."
            : "This account is deactivated. Reactivating lets them sign in again with their password."}
        </p>
        <AccessForm userId={person.id} active={person.active} />
      </section>

      {person.active ? (
        <section className="panel" aria-labelledby="password-heading">
          <h2 id="password-heading">Password</h2>
          <p className="hint">A reset link lets them choose a new password. Using it signs them out everywhere else.</p>
          <PasswordResetForm userId={person.id} />
        </section>
      ) : null}
    </>
  );
}
