import type { Metadata } from "next";
import { requireViewer } from "@/lib/auth/viewer";
import { ROLE_LABELS } from "@/lib/people/roles";
import { SignOutEverywhereForm } from "./sign-out-everywhere-form";

export const metadata: Metadata = { title: "Your account" };

export default async function AccountPage() {
  const viewer = await requireViewer("/desk/account");
  return (
    <>
      <h1>Your account</h1>
      <dl className="facts">
        <dt>Name</dt>
        <dd>{viewer.name}</dd>
        <dt>Email</dt>
        <dd>{viewer.email}</dd>
        <dt>Role</dt>
        <dd>{ROLE_LABELS[viewer.role]}</dd>
      </dl>
      <section className="panel" aria-labelledby="sessions-heading">
        <h2 id="sessions-heading">Sessions</h2>
        <p className="hint">
          Signed in on a shared or lost device? Signing out everywhere ends every session of yours, on every device,
          including this one. To change your password, ask an admin for a reset link.
        </p>
        <SignOutEverywhereForm />
      </section>
    </>
  );
}
