import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password";
import { INVALID_LINK } from "@/lib/people/commands";
import { findOpenLink } from "@/lib/people/queries";
import { ROLE_LABELS } from "@/lib/people/roles";
import { getNewsroomSettings } from "@/lib/settings/queries";
import { JoinForm } from "./join-form";

// The token is in the URL: never send it onwards as a Referer, never index the page.
export const metadata: Metadata = { title: "Join the newsroom", referrer: "no-referrer", robots: { index: false, follow: false } };

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  await connection();
  const { token } = await params;
  const [invite, settings] = await Promise.all([findOpenLink("invite", token), getNewsroomSettings()]);
  if (!invite) {
    return (
      <main id="main" className="auth-card">
        <h1>This invite link does not work</h1>
        <p>{INVALID_LINK}</p>
        <p>
          Already joined? <Link href="/login">Sign in</Link>.
        </p>
      </main>
    );
  }
  return (
    <main id="main" className="auth-card">
      <h1>Join {settings?.name ?? "the newsroom"}</h1>
      <p>
        You are invited as <strong>{ROLE_LABELS[invite.role]}</strong>. You will sign in with <strong>{invite.email}</strong>.
      </p>
      <JoinForm token={token} suggestedName={invite.name} minPasswordLength={MIN_PASSWORD_LENGTH} />
    </main>
  );
}
