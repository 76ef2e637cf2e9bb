"use server";

import { redirect } from "next/navigation";
import { endBrowserSession } from "./viewer";

/**
 * Ends this browser's session. Safe for anyone to call: it only removes the caller's own cookie.
 * Other browsers (and a copied cookie) stay signed in; "Sign out everywhere" ends those.
 */
export async function signOutAction(): Promise<void> {
  await endBrowserSession();
  redirect("/login");
}
