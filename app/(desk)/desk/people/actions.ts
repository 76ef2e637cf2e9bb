"use server";

import { revalidatePath } from "next/cache";
import { z } from "@/lib/validation/zod";
import { ROLES } from "@/lib/auth/policy";
import { getPublicOrigin, getRequestIp } from "@/lib/auth/request-ip";
import { requireViewer } from "@/lib/auth/viewer";
import { fieldErrorsFrom, formValues, type FormState } from "@/lib/forms/form-state";
import { createInvite, revokeInvite } from "@/lib/people/commands";
import { INVITE_VALID_DAYS } from "@/lib/people/tokens";

export type InviteFormState = FormState & { inviteUrl?: string };

const createInviteSchema = z
  .object({
    name: z.string().trim().min(1, "Enter their name.").max(120, "Keep the name under 120 characters."),
    email: z.string().trim().max(320, "That email address is too long.").pipe(z.email("Enter a valid email address.")),
    role: z.enum(ROLES, { message: "Choose a role." }),
  })
  .strict();

export async function createInviteAction(_prev: InviteFormState, formData: FormData): Promise<InviteFormState> {
  const viewer = await requireViewer("/desk/people");
  const values = formValues(formData);
  const parsed = createInviteSchema.safeParse(values);
  if (!parsed.success) return { ok: false, message: "Please correct the fields below.", fieldErrors: fieldErrorsFrom(parsed.error), values };
  const result = await createInvite(viewer, parsed.data, await getRequestIp());
  if (!result.ok) return { ok: false, message: result.message, fieldErrors: result.fieldErrors, values };
  revalidatePath("/desk/people");
  return {
    ok: true,
    message: `Invite created for ${parsed.data.name}. Copy the link and send it to them: it works once, within ${INVITE_VALID_DAYS} days.`,
    inviteUrl: `${await getPublicOrigin()}/invite/${result.token}`,
  };
}

const revokeInviteSchema = z.object({ inviteId: z.uuid() }).strict();

export async function revokeInviteAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const viewer = await requireViewer("/desk/people");
  const parsed = revokeInviteSchema.safeParse(formValues(formData));
  if (!parsed.success) return { ok: false, message: "That invite does not exist." };
  const result = await revokeInvite(viewer, parsed.data.inviteId, await getRequestIp());
  if (!result.ok) return { ok: false, message: result.message };
  revalidatePath("/desk/people");
  return { ok: true, message: "Invite revoked." };
}
