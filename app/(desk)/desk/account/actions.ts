"use server";

import { redirect } from "next/navigation";
import { z } from "@/lib/validation/zod";
import { getRequestIp } from "@/lib/auth/request-ip";
import { endBrowserSession, requireViewer } from "@/lib/auth/viewer";
import { formValues, type FormState } from "@/lib/forms/form-state";
import { endAllSessions } from "@/lib/people/commands";

const signOutEverywhereSchema = z.object({}).strict();

/** Ends every session of the signed-in person, this one included (bumps session_epoch). */
export async function signOutEverywhereAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const viewer = await requireViewer("/desk/account");
  if (!signOutEverywhereSchema.safeParse(formValues(formData)).success) return { ok: false, message: "Something was wrong with that request. Reload the page and try again." };
  const result = await endAllSessions(viewer, await getRequestIp());
  if (!result.ok) return { ok: false, message: result.message };
  await endBrowserSession();
  redirect("/login");
}
