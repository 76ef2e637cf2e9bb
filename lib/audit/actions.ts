/**
 * Human labels for audit actions. Other domains add theirs here; an action without a label is
 * still listed, under its raw name.
 */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  "newsroom.setup": "Newsroom set up",
  "auth.sign_in": "Signed in",
  "auth.sign_in_failed": "Sign-in failed",
  "auth.throttled": "Sign-in refused (too many attempts)",
  "auth.sign_out": "Signed out",
  "auth.sign_out_everywhere": "Signed out everywhere",
  "people.invite": "Invite created",
  "people.invite_revoked": "Invite revoked",
  "people.join": "Joined the newsroom",
  "people.role_change": "Role changed",
  "people.deactivate": "Deactivated",
  "people.reactivate": "Reactivated",
  "people.password_reset_issued": "Password reset link issued",
  "people.password_reset_completed": "Password reset",
  "story.link_translations": "Translations linked",
  "story.add_translation": "Translation started",
};

export function auditActionLabel(action: string): string {
  return AUDIT_ACTION_LABELS[action] ?? action;
}
