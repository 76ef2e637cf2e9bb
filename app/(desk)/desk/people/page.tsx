import type { Metadata } from "next";
import Link from "next/link";
import { requirePagePermission } from "@/lib/auth/viewer";
import { listPendingInvites, listPeople } from "@/lib/people/queries";
import { ROLE_LABELS } from "@/lib/people/roles";
import { getNewsroomSettings } from "@/lib/settings/queries";
import { formatMoment } from "@/lib/time/format-moment";
import { InvitePanel } from "./invite-panel";
import { RevokeInviteButton } from "./revoke-invite-button";

export const metadata: Metadata = { title: "People" };

export default async function PeoplePage() {
  const viewer = await requirePagePermission("people.manage", "/desk/people");
  const [people, invites, settings] = await Promise.all([listPeople(viewer), listPendingInvites(viewer), getNewsroomSettings()]);
  const timeZone = settings?.timeZone ?? "UTC";
  return (
    <>
      <h1>People</h1>
      <InvitePanel />

      <section className="panel" aria-labelledby="pending-heading">
        <h2 id="pending-heading">Pending invites</h2>
        {invites.length === 0 ? (
          <p className="hint">No invites are waiting to be accepted.</p>
        ) : (
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Role</th>
                <th scope="col">Expires</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {invites.map((invite) => (
                <tr key={invite.id}>
                  <td>{invite.name}</td>
                  <td>{invite.email}</td>
                  <td>{ROLE_LABELS[invite.role]}</td>
                  <td>{formatMoment(invite.expiresAt, timeZone)}</td>
                  <td>
                    <RevokeInviteButton inviteId={invite.id} email={invite.email} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className="panel" aria-labelledby="team-heading">
        <h2 id="team-heading">Newsroom</h2>
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Status</th>
              <th scope="col">Last signed in</th>
            </tr>
          </thead>
          <tbody>
            {people.map((person) => (
              <tr key={person.id}>
                <td>
                  <Link href={`/desk/people/${person.id}`}>{person.name}</Link>
                </td>
                <td>{person.email}</td>
                <td>{ROLE_LABELS[person.role]}</td>
                <td>{person.active ? "Active" : "Deactivated"}</td>
                <td>{person.lastSignInAt ? formatMoment(person.lastSignInAt, timeZone) : "Never"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}
