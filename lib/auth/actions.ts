"use server";

import { redirect } from "next/navigation";
import { endBrowserSession } from "./viewer";

/**
 * Ends this browser's session, on the server too: a copy of its cookie no longer opens anything.
 * Safe for anyone to call: it can only end the session the caller's own signed cookie names.
 * The person's other browsers stay signed in; "Sign out everywhere" ends those.
 */
export async function signOutAction(): Promise<void> {
  await endBrowserSession();
  redirect("/login");
}
