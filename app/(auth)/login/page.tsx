import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { connection } from "next/server";
import { getViewer } from "@/lib/auth/viewer";
import { countUsers } from "@/lib/people/queries";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage() {
  await connection();
  if ((await countUsers()) === 0) redirect("/setup");
  if (await getViewer()) redirect("/desk");
  return (
    <main id="main" className="auth-card">
      <h1>Sign in</h1>
      <LoginForm />
    </main>
  );
}
