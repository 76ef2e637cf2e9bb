"use server";

import { revalidatePath } from "next/cache";
import { z } from "@/lib/validation/zod";
import { ROLES } from "@/lib/auth/policy";
import { getPublicOrigin, getRequestIp } from "@/lib/auth/request-ip";
import { requireViewer } from "@/lib/auth/viewer";
import { formValues, type FormState } from "@/lib/forms/form-state";
import { changeRole, deactivateUser, issuePasswordReset, reactivateUser } from "@/lib/people/commands";
import { ROLE_LABELS } from "@/lib/people/roles";
import { RESET_VALID_HOURS } from "@/lib/people/tokens";

export type ResetLinkState = FormState & { resetUrl?: string };

const personSchema = z.object({ userId: z.uuid() }).strict();
const changeRoleSchema = z.object({ userId: z.uuid(), role: z.enum(ROLES, { message: "Choose a role." }) }).strict();

const NO_SUCH_PERSON: FormState = { ok: false, message: "That person does not exist." };

function revalidatePeople(userId: string): void {
  revalidatePath("/desk/people");
  revalidatePath(`/desk/people/${userId}`);
}

export async function changeRoleAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const viewer = await requireViewer("/desk/people");
  const parsed = changeRoleSchema.safeParse(formValues(formData));
  if (!parsed.success) return { ok: false, message: "Choose one of the roles.", fieldErrors: { role: ["Choose one of the roles."] } };
  const result = await changeRole(viewer, parsed.data.userId, parsed.data.role, await getRequestIp());
  if (!result.ok) return { ok: false, message: result.message };
  revalidatePeople(parsed.data.userId);
  return {
    ok: true,
    message: result.changed ? `Role changed to ${ROLE_LABELS[parsed.data.role]}. They have been signed out everywhere and meet the new role when they sign in.` : "That is already their role.",
  };
}

const accessSchema = z.object({ userId: z.uuid(), access: z.enum(["deactivate", "reactivate"]) }).strict();

/** One action for the Deactivate / Reactivate button, which flips once the page re-renders. */
export async function setAccessAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const viewer = await requireViewer("/desk/people");
  const parsed = accessSchema.safeParse(formValues(formData));
  if (!parsed.success) return NO_SUCH_PERSON;
  const { userId, access } = parsed.data;
  const ip = await getRequestIp();
  const result = access === "deactivate" ? await deactivateUser(viewer, userId, ip) : await reactivateUser(viewer, userId, ip);
  if (!result.ok) return { ok: false, message: result.message };
  revalidatePeople(userId);
  return access === "deactivate"
    ? { ok: true, message: "Deactivated. Their open sessions have ended and they can no longer sign in." }
    : { ok: true, message: "Reactivated. They can sign in again with their password." };
}

export async function issuePasswordResetAction(_prev: ResetLinkState, formData: FormData): Promise<ResetLinkState> {
  const viewer = await requireViewer("/desk/people");
  const parsed = personSchema.safeParse(formValues(formData));
  if (!parsed.success) return NO_SUCH_PERSON;
  const result = await issuePasswordReset(viewer, parsed.data.userId, await getRequestIp());
  if (!result.ok) return { ok: false, message: result.message };
  revalidatePeople(parsed.data.userId);
  return {
    ok: true,
    message: `Reset link created. Send it to them: it works once, within ${RESET_VALID_HOURS} hours, and any earlier link stops working.`,
    resetUrl: `${await getPublicOrigin()}/reset/${result.token}`,
  };
}
