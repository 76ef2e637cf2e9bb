import { ROLES, type Role } from "@/lib/auth/policy";

/** How roles read on screen; the UI contract fixes these names ("Reporter", "Editor", "Admin"). */
export const ROLE_LABELS: Record<Role, string> = { reporter: "Reporter", editor: "Editor", admin: "Admin" };

export const ROLE_OPTIONS = ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }));
