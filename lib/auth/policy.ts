/**
 * Who may do what in the newsroom.
 *
 * Pure on purpose: the same answers drive the server-side guards in commands and the buttons the
 * desk shows, so this module must stay importable from client components (no db, no server-only).
 * The UI may hide a button with it; only a command checking it against the loaded row is a guard.
 */
import type { StoryStatus } from "@/lib/stories/workflow";

export const ROLES = ["reporter", "editor", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  "story.create",
  "story.read.own",
  "story.read.any",
  "story.edit.own",
  "story.edit.any",
  "story.submit",
  "story.withdraw",
  "story.review",
  "story.publish",
  "story.schedule",
  "story.unpublish",
  "story.correct",
  "story.restore",
  "story.trash.own",
  "story.trash.any",
  "comment.create",
  "section.manage",
  "tag.manage",
  "people.manage",
  "settings.manage",
  "audit.read",
  "media.upload",
  "review.queue.read",
  // Issue 11 (reading other people's stories beyond what readers see).
  "story.read.staged.any",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const REPORTER: readonly Role[] = ["reporter", "editor", "admin"];
const EDITOR: readonly Role[] = ["editor", "admin"];
const ADMIN: readonly Role[] = ["admin"];

/**
 * The one table of grants. A Record (not a list) so that adding a permission without deciding who
 * holds it fails to compile.
 *
 * `story.submit` / `story.withdraw` are held by editors too: they may submit or pull back any story
 * (a reporter filing by phone, a story that went to the queue too early). For reporters these are
 * only half the answer; the workflow adds "own story" and the state.
 */
const GRANTS: Readonly<Record<Permission, readonly Role[]>> = {
  "story.create": REPORTER,
  "story.read.own": REPORTER,
  "story.read.any": EDITOR,
  "story.edit.own": REPORTER,
  "story.edit.any": EDITOR,
  "story.submit": REPORTER,
  "story.withdraw": REPORTER,
  "story.review": EDITOR,
  "story.publish": EDITOR,
  "story.schedule": EDITOR,
  "story.unpublish": EDITOR,
  "story.correct": EDITOR,
  // Restoring an earlier revision over the working copy can undo other people's work and, for a
  // live story, bypass review, so it is an editor's call.
  "story.restore": EDITOR,
  // Only stories that never went live can be trashed (canTrashStory): a live or withdrawn story
  // keeps its public record and is unpublished instead.
  "story.trash.own": REPORTER,
  "story.trash.any": EDITOR,
  "comment.create": REPORTER,
  "section.manage": EDITOR,
  "tag.manage": EDITOR,
  "people.manage": ADMIN,
  "settings.manage": ADMIN,
  "audit.read": ADMIN,
  "media.upload": REPORTER,
  // The queue lists every reporter's submitted work, which reporters may not see.
  "review.queue.read": EDITOR,
  // Issue 11. Someone else's working copy (for a live story: its staged, unpublished changes), its
  // comment thread and its every past revision, including "conflict kept" copies. Editors review
  // and publish that work; other reporters see a live story as its readers do.
  "story.read.staged.any": EDITOR,
};

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

/**
 * Role-level check. Roles arrive from sessions and the database, so an unknown role or permission
 * at runtime is treated as "no" rather than trusted.
 */
export function can(role: Role, permission: Permission): boolean {
  if (!isRole(role)) return false;
  const holders = Object.prototype.hasOwnProperty.call(GRANTS, permission)
    ? GRANTS[permission]
    : undefined;
  return holders !== undefined && holders.includes(role);
}

export type Viewer = { id: string; role: Role };
export type StoryAccessInfo = { authorId: string; bylineUserIds: readonly string[]; status: StoryStatus };

export type PolicyDecision = { ok: true } | { ok: false; reason: string };

const ALLOW: PolicyDecision = { ok: true };
function deny(reason: string): PolicyDecision {
  return { ok: false, reason };
}

/** A co-byline gives the same rights as authorship: both people answer for the story. */
export function isStoryOwner(viewerId: string, story: Pick<StoryAccessInfo, "authorId" | "bylineUserIds">): boolean {
  if (!viewerId) return false;
  return story.authorId === viewerId || story.bylineUserIds.includes(viewerId);
}

/**
 * Reporters see their own work in every state, and other people's work only once it is live (the
 * public can read it anyway). Unpublished stories are hidden again: they are usually pulled for a
 * legal or accuracy reason.
 */
export function canViewStory(viewer: Viewer, story: StoryAccessInfo): PolicyDecision {
  if (can(viewer.role, "story.read.any")) return ALLOW;
  if (!can(viewer.role, "story.read.own")) return deny("You do not have access to stories.");
  if (isStoryOwner(viewer.id, story)) return ALLOW;
  if (story.status === "published") return ALLOW;
  return deny("This story belongs to another reporter and is not published.");
}

/**
 * Beyond the live version: the working copy, the comment thread and the revision history. The
 * story's own reporters have it; for anyone else's story it takes "story.read.staged.any". A
 * reporter may open a colleague's live story (`canViewStory`), but sees only what readers see.
 */
export function canReadStoryWorkingCopy(viewer: Viewer, story: StoryAccessInfo): PolicyDecision {
  const view = canViewStory(viewer, story);
  if (!view.ok) return view;
  if (can(viewer.role, "story.read.staged.any")) return ALLOW;
  if (can(viewer.role, "story.read.own") && isStoryOwner(viewer.id, story)) return ALLOW;
  return deny("Only the story's own reporters and editors see its working copy, comments and history.");
}

/**
 * States in which a reporter may change their own story. `published` is allowed because such edits
 * are staged on the working copy and only go live when an editor publishes the update; `unpublished`
 * likewise only returns to the public through an editor.
 */
export const REPORTER_EDITABLE_STATUSES: readonly StoryStatus[] = [
  "draft",
  "changes_requested",
  "published",
  "unpublished",
];

const REPORTER_LOCKED_REASONS: Partial<Record<StoryStatus, string>> = {
  in_review: "This story is in review; you can edit it again if an editor sends it back.",
  approved: "This story has been approved; ask an editor if it needs another change.",
  scheduled: "This story is scheduled to publish; ask an editor to unschedule it if it needs a change.",
};

export function canEditStory(viewer: Viewer, story: StoryAccessInfo): PolicyDecision {
  if (can(viewer.role, "story.edit.any")) return ALLOW;
  if (!can(viewer.role, "story.edit.own")) return deny("You do not have permission to edit stories.");
  if (!isStoryOwner(viewer.id, story)) {
    return deny("You can only edit stories you wrote or share a byline on.");
  }
  if (REPORTER_EDITABLE_STATUSES.includes(story.status)) return ALLOW;
  return deny(REPORTER_LOCKED_REASONS[story.status] ?? "This story cannot be edited in its current state.");
}

/**
 * Moving to the trash, restoring and deleting for good: reporters their own stories, editors any;
 * only stories that were never live (a published or withdrawn story keeps its public record), and
 * not while a publication is scheduled (unschedule first, so nothing is published from the trash).
 */
export function canTrashStory(viewer: Viewer, story: StoryAccessInfo & { everPublished: boolean }): PolicyDecision {
  if (!can(viewer.role, "story.trash.any")) {
    if (!can(viewer.role, "story.trash.own")) return deny("You do not have permission to delete stories.");
    if (!isStoryOwner(viewer.id, story)) return deny("You can only move stories you wrote or share a byline on to the trash.");
  }
  if (story.everPublished) return deny("This story has been published; unpublish it instead of deleting it.");
  if (story.status === "scheduled") return deny("This story is scheduled to publish; unschedule it before moving it to the trash.");
  return ALLOW;
}

/**
 * Comment on a thread you can read: the review conversation is part of the working copy, so a
 * reporter who sees only a colleague's live version neither reads nor joins its thread.
 */
export function canCommentOnStory(viewer: Viewer, story: StoryAccessInfo): PolicyDecision {
  if (!can(viewer.role, "comment.create")) return deny("You do not have permission to comment.");
  return canReadStoryWorkingCopy(viewer, story);
}
