"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { SECURE_SESSION_COOKIE, SESSION_COOKIE } from "./session-cookie";

/** Ends this browser's session. Safe for anyone to call: it only removes the caller's own cookie. */
export async function signOutAction(): Promise<void> {
  const jar = await cookies();
  jar.delete(SESSION_COOKIE);
  jar.delete(SECURE_SESSION_COOKIE);
  redirect("/login");
}
