import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { connection } from "next/server";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password";
import { countUsers } from "@/lib/people/queries";
import { SetupForm } from "./setup-form";

export const metadata: Metadata = { title: "Set up your newsroom" };

export default async function SetupPage() {
  await connection();
  if ((await countUsers()) > 0) redirect("/login");
  const timeZones = Intl.supportedValuesOf("timeZone");
  return (
    <main id="main" className="auth-card">
      <h1>Set up your newsroom</h1>
      <p>Create the newsroom and your administrator account. You can invite editors and reporters next.</p>
      <SetupForm timeZones={timeZones} minPasswordLength={MIN_PASSWORD_LENGTH} />
    </main>
  );
}
