/**
 * Who may call what, for every server action and route handler the build exposes. The inventory
 * test fails when the build has an action or route this table does not name (or names one the
 * build no longer has), so nothing reaches production without a decision here.
 *
 * Rows with a `permission` are derived from lib/auth/policy.ts: the test checks that `allowed`
 * for reporter, editor and admin is exactly what `can(role, permission)` says, and nobody without
 * a live session (anonymous, a deactivated account's old cookie) is ever allowed. Rows without one
 * say in `guard` what protects them instead.
 */
import type { Permission } from "@/lib/auth/policy";

export const CALLERS = ["anonymous", "reporter", "editor", "admin", "deactivated"] as const;
export type Caller = (typeof CALLERS)[number];

export type Expectation = {
  /** What the scenario does and what guards it. */
  guard: string;
  /** The named permission the row follows, when it follows one. */
  permission?: Permission;
  allowed: Readonly<Record<Caller, boolean>>;
  /**
   * Whether an allowed call writes: true = the fingerprint must change, false = it must not (reads,
   * signing out of this browser), unset = either (marking no unread notifications read).
   */
  writesWhenAllowed?: boolean;
};

const NOBODY = { anonymous: false, reporter: false, editor: false, admin: false, deactivated: false } as const;
const EVERYONE = { anonymous: true, reporter: true, editor: true, admin: true, deactivated: true } as const;
const SIGNED_IN = { anonymous: false, reporter: true, editor: true, admin: true, deactivated: false } as const;
const EDITORS = { anonymous: false, reporter: false, editor: true, admin: true, deactivated: false } as const;
const ADMINS = { anonymous: false, reporter: false, editor: false, admin: true, deactivated: false } as const;

export const ACTION_EXPECTATIONS: Readonly<Record<string, Expectation>> = {
  "app/(auth)/invite/[token]/actions.ts#joinNewsroomAction": { guard: "one-time invite token (a made-up token here; a real one is spent once in setup)", allowed: NOBODY },
  "app/(auth)/reset/[token]/actions.ts#resetPasswordAction": { guard: "one-time reset token (a made-up token here)", allowed: NOBODY },
  "app/(auth)/setup/actions.ts#createNewsroomAction": { guard: "only while the newsroom has no users (it has)", allowed: NOBODY },
  // Writes for a live session (its user_sessions row goes, "auth.sign_out" is audited); nothing for
  // a caller without one. It can only end the session the caller's own signed cookie names.
  "lib/auth/actions.ts#signOutAction": { guard: "none needed: ends only the session of the caller's own cookie", allowed: EVERYONE },
  "app/(desk)/desk/account/actions.ts#signOutEverywhereAction": { guard: "a live session, acting on itself", allowed: SIGNED_IN, writesWhenAllowed: true },
  "app/(desk)/desk/notifications/actions.ts#markAllNotificationsReadAction": { guard: "a live session, acting on its own notifications", allowed: SIGNED_IN },
  "app/(desk)/desk/people/actions.ts#createInviteAction": { guard: "people.manage", permission: "people.manage", allowed: ADMINS, writesWhenAllowed: true },
  "app/(desk)/desk/people/actions.ts#revokeInviteAction": { guard: "people.manage", permission: "people.manage", allowed: ADMINS, writesWhenAllowed: true },
  "app/(desk)/desk/people/[id]/actions.ts#changeRoleAction": { guard: "people.manage", permission: "people.manage", allowed: ADMINS, writesWhenAllowed: true },
  "app/(desk)/desk/people/[id]/actions.ts#issuePasswordResetAction": { guard: "people.manage", permission: "people.manage", allowed: ADMINS, writesWhenAllowed: true },
  "app/(desk)/desk/people/[id]/actions.ts#setAccessAction": { guard: "people.manage (deactivating someone)", permission: "people.manage", allowed: ADMINS, writesWhenAllowed: true },
  "app/(desk)/desk/sections/actions.ts#createSectionAction": { guard: "section.manage", permission: "section.manage", allowed: EDITORS, writesWhenAllowed: true },
  "app/(desk)/desk/stories/new/actions.ts#createNewStoryAction": { guard: "story.create", permission: "story.create", allowed: SIGNED_IN, writesWhenAllowed: true },
  "app/(desk)/desk/stories/[id]/workflow-actions.ts#transitionStoryAction": { guard: "story.publish (publishing someone else's draft, naming its current version; stale versions: attacks.test.ts)", permission: "story.publish", allowed: EDITORS, writesWhenAllowed: true },
  "app/(desk)/desk/stories/[id]/workflow-actions.ts#addCommentAction": {
    guard: "comment.create on a story the caller may read (someone else's unpublished draft: story.read.any)",
    permission: "story.read.any",
    allowed: EDITORS,
    writesWhenAllowed: true,
  },
  "app/(desk)/desk/stories/[id]/workflow-actions.ts#proposeUpdateAction": {
    guard: "the story's own reporter (a live story with staged changes, written by the reporter)",
    allowed: { anonymous: false, reporter: true, editor: false, admin: false, deactivated: false },
    writesWhenAllowed: true,
  },
  "app/(desk)/desk/stories/[id]/trash-actions.ts#moveStoryToTrashAction": { guard: "story.trash.any (a draft written by someone else)", permission: "story.trash.any", allowed: EDITORS, writesWhenAllowed: true },
  "app/(desk)/desk/stories/[id]/trash-actions.ts#restoreStoryFromTrashAction": { guard: "story.trash.any (someone else's draft in the trash)", permission: "story.trash.any", allowed: EDITORS, writesWhenAllowed: true },
  "app/(desk)/desk/stories/[id]/trash-actions.ts#deleteStoryForGoodAction": { guard: "story.trash.any (someone else's draft in the trash)", permission: "story.trash.any", allowed: EDITORS, writesWhenAllowed: true },
  "app/(desk)/desk/stories/[id]/translation-actions.ts#addTranslationAction": { guard: "story.edit.any (translating a story)", permission: "story.edit.any", allowed: EDITORS, writesWhenAllowed: true },
  "app/(desk)/desk/stories/[id]/translation-actions.ts#linkTranslationAction": { guard: "story.edit.any (linking two stories)", permission: "story.edit.any", allowed: EDITORS, writesWhenAllowed: true },
  "app/(desk)/desk/stories/[id]/history/actions.ts#restoreRevisionAction": { guard: "story.restore", permission: "story.restore", allowed: EDITORS, writesWhenAllowed: true },
};

export const ROUTE_EXPECTATIONS: Readonly<Record<string, Expectation>> = {
  "GET /api/auth/[...nextauth]": { guard: "public: next-auth's own endpoints (GET /api/auth/session reads, writes nothing)", allowed: EVERYONE, writesWhenAllowed: false },
  "POST /api/auth/[...nextauth]": { guard: "next-auth's CSRF token (a sign-in post without it)", allowed: NOBODY },
  "GET /api/desk/review-queue": { guard: "review.queue.read", permission: "review.queue.read", allowed: EDITORS, writesWhenAllowed: false },
  "POST /api/internal/revalidate": { guard: "per-process secret, loopback only", allowed: NOBODY },
  "POST /api/media": { guard: "media.upload, same origin", permission: "media.upload", allowed: SIGNED_IN, writesWhenAllowed: true },
  "POST /api/stories/[id]/draft": { guard: "story.edit.any (a draft written by someone else), same origin", permission: "story.edit.any", allowed: EDITORS, writesWhenAllowed: true },
  "GET /api/stories/[id]": { guard: "may read the story (someone else's unpublished draft: story.read.any)", permission: "story.read.any", allowed: EDITORS, writesWhenAllowed: false },
  "GET /api/test-hooks/[hook]": { guard: "DATELINE_E2E_HOOKS=1 and an admin session", allowed: ADMINS, writesWhenAllowed: false },
  "POST /api/test-hooks/[hook]": { guard: "DATELINE_E2E_HOOKS=1 and an admin session", allowed: ADMINS, writesWhenAllowed: true },
  "GET /feed.xml": { guard: "public", allowed: EVERYONE, writesWhenAllowed: false },
  // The scenario's image is in no published story: a draft's image, for signed-in staff only. Once a
  // story using it goes live it is public (app/media/[key]/route.test.ts).
  "GET /media/[key]": { guard: "a draft's image: signed-in staff only (random keys besides)", allowed: SIGNED_IN, writesWhenAllowed: false },
  "GET /news-sitemap.xml": { guard: "public", allowed: EVERYONE, writesWhenAllowed: false },
  "GET /robots.txt": { guard: "public", allowed: EVERYONE, writesWhenAllowed: false },
  "GET /sitemap.xml": { guard: "public", allowed: EVERYONE, writesWhenAllowed: false },
  "GET /sitemaps/[file]": { guard: "public", allowed: EVERYONE, writesWhenAllowed: false },
};
