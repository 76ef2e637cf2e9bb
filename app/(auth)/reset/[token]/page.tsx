import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password";
import { INVALID_LINK } from "@/lib/people/commands";
import { findOpenLink } from "@/lib/people/queries";
import { ResetForm } from "./reset-form";

// The token is in the URL: never send it onwards as a Referer, never index the page.
export const metadata: Metadata = { title: "Choose a new password", referrer: "no-referrer", robots: { index: false, follow: false } };

export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  await connection();
  const { token } = await params;
  const link = await findOpenLink("password_reset", token);
  if (!link) {
    return (
      <main id="main" className="auth-card">
        <h1>This reset link does not work</h1>
        <p>{INVALID_LINK}</p>
        <p>
          <Link href="/login">Sign in</Link>
        </p>
      </main>
    );
  }
  return (
    <main id="main" className="auth-card">
      <h1>Choose a new password</h1>
      <p>
        For <strong>{link.email}</strong>. Setting it signs you out on every other device.
      </p>
      <ResetForm token={token} minPasswordLength={MIN_PASSWORD_LENGTH} />
    </main>
  );
}
