/**
 * The story workflow as data plus one decision function.
 *
 * Pure so that commands (inside their transaction) and the desk UI (to pick which buttons to show)
 * ask exactly the same question. Commands still load the row and call `decideTransition` themselves:
 * a button being visible is never permission.
 */
import type { Role } from "@/lib/auth/policy";
import { isCurrentVersion, type ReviewedVersion } from "./reviewed-version";

export const STORY_STATUSES = [
  "draft",
  "in_review",
  "changes_requested",
  "approved",
  "scheduled",
  "published",
  "unpublished",
] as const;
export type StoryStatus = (typeof STORY_STATUSES)[number];

export const STATUS_LABELS: Readonly<Record<StoryStatus, string>> = {
  draft: "Draft",
  in_review: "In review",
  changes_requested: "Changes requested",
  approved: "Approved",
  scheduled: "Scheduled",
  published: "Published",
  unpublished: "Unpublished",
};

export const STORY_ACTIONS = [
  "submit",
  "withdraw",
  "request_changes",
  "approve",
  "publish",
  "schedule",
  "unschedule",
  "unpublish",
  "republish",
  "publish_update",
  "system_publish",
] as const;
export type StoryAction = (typeof STORY_ACTIONS)[number];

/** The scheduler sweep acts as "system"; it is not a person and has no row in users. */
export type WorkflowActor = Role | "system";

/**
 * Who may fire a transition. Reporters appear only as `own_reporter`: there is no transition a
 * reporter may apply to someone else's story. Editors and admins act regardless of ownership.
 */
export type TransitionActor = "own_reporter" | "editor" | "admin" | "system";

export type Transition = {
  readonly from: readonly StoryStatus[];
  readonly to: StoryStatus;
  readonly actors: readonly TransitionActor[];
  /** Input the transition cannot go ahead without; checked after role and state. */
  readonly requires?: "note" | "publishAt";
  /**
   * The editor must name the version they read, and it must still be the story's current one:
   * these transitions decide what the public reads (or, for approve, what was signed off).
   */
  readonly reviewsVersion?: true;
};

const DESK = ["editor", "admin"] as const;

/**
 * The transition table (product spec). Every action has exactly one target state, so the table is
 * keyed by action.
 *
 * Editors may submit and withdraw any story: a reporter phoning copy in, or a story that reached
 * the queue too early, should not need the reporter at a keyboard.
 * `publish_update` is published -> published: the state does not change, the staged working copy
 * becomes the new live revision. `approve` on an approved story approves the version saved since
 * the last approval (the command refuses it when nothing changed): approval is of a version.
 */
export const TRANSITIONS: Readonly<Record<StoryAction, Transition>> = {
  submit: { from: ["draft", "changes_requested"], to: "in_review", actors: ["own_reporter", ...DESK] },
  withdraw: { from: ["in_review"], to: "draft", actors: ["own_reporter", ...DESK] },
  request_changes: { from: ["in_review"], to: "changes_requested", actors: DESK, requires: "note" },
  approve: { from: ["in_review", "approved"], to: "approved", actors: DESK, reviewsVersion: true },
  publish: { from: ["draft", "in_review", "approved"], to: "published", actors: DESK, reviewsVersion: true },
  schedule: { from: ["approved"], to: "scheduled", actors: DESK, requires: "publishAt", reviewsVersion: true },
  unschedule: { from: ["scheduled"], to: "approved", actors: DESK },
  unpublish: { from: ["published"], to: "unpublished", actors: DESK, requires: "note" },
  republish: { from: ["unpublished"], to: "published", actors: DESK, reviewsVersion: true },
  publish_update: { from: ["published"], to: "published", actors: DESK, reviewsVersion: true },
  system_publish: { from: ["scheduled"], to: "published", actors: ["system"] },
};

/** Said to a reporter who tries an editor's action. */
const EDITOR_ONLY_REASONS: Readonly<Record<StoryAction, string>> = {
  submit: "You can only submit stories you wrote or share a byline on.",
  withdraw: "You can only withdraw stories you wrote or share a byline on.",
  request_changes: "Only editors can send a story back for changes.",
  approve: "Only editors can approve stories.",
  publish: "Only editors can publish stories.",
  schedule: "Only editors can schedule stories.",
  unschedule: "Only editors can unschedule stories.",
  unpublish: "Only editors can unpublish stories.",
  republish: "Only editors can republish stories.",
  publish_update: "Only editors can publish an update to a live story.",
  system_publish: "Only the scheduler publishes a scheduled story at its time; use Publish to publish now.",
};

/** Said when the actor may use the action but the story is in the wrong state for it. */
const WRONG_STATE_REASONS: Readonly<Record<StoryAction, string>> = {
  submit: "Only a draft or a story sent back for changes can be submitted for review.",
  withdraw: "Only a story that is in review can be withdrawn.",
  request_changes: "Changes can only be requested on a story that is in review.",
  approve: "Only a story that is in review, or approved and changed since, can be approved.",
  publish: "Only a draft, a story in review or an approved story can be published.",
  schedule: "A story must be approved before it can be scheduled.",
  unschedule: "Only a scheduled story can be unscheduled.",
  unpublish: "Only a published story can be unpublished.",
  republish: "Only an unpublished story can be republished.",
  publish_update: "Only a published story can have an update published.",
  system_publish: "Only a scheduled story can be published by the scheduler.",
};

/**
 * More helpful wording for the wrong-state cases a person will actually hit; everything else falls
 * back to WRONG_STATE_REASONS.
 */
const WRONG_STATE_OVERRIDES: Partial<Record<StoryAction, Partial<Record<StoryStatus, string>>>> = {
  submit: {
    in_review: "This story is already in review.",
    approved: "This story has already been approved.",
    scheduled: "This story is already scheduled to publish.",
    published: "This story is already published; an editor publishes changes to it as an update.",
  },
  publish: {
    scheduled: "This story is scheduled; unschedule it first to publish it now.",
    published: "This story is already published; use Publish update to put changes live.",
    unpublished: "This story was unpublished; use Republish to put it back online.",
    changes_requested: "This story is waiting for the reporter's changes; it can be published once it is back in review.",
  },
  schedule: {
    scheduled: "This story is already scheduled; unschedule it first to pick a new time.",
    published: "This story is already published.",
  },
  republish: {
    published: "This story is already published.",
  },
  unpublish: {
    unpublished: "This story is already unpublished.",
  },
};

const NON_SYSTEM_ACTION_REASON = "The scheduler can only publish scheduled stories.";

export type TransitionInput = {
  status: StoryStatus;
  action: StoryAction;
  role: WorkflowActor;
  /** Author or co-byline. Only matters for reporters. */
  isOwner: boolean;
  /** Note to the reporter (request_changes) or reason for taking the story down (unpublish). */
  note?: string;
  /**
   * Publish time for `schedule`. For `system_publish` it is optional: when given, the scheduler is
   * refused before that time, so a wrong clock or a stale claim cannot publish early.
   */
  publishAt?: Date;
  /** Injected so tests and the scheduler agree on "now"; defaults to the current time. */
  now?: Date;
  /** The story's current version, from the locked row. */
  version?: number;
  /** The version the person acting read; required by every transition with `reviewsVersion`. */
  reviewed?: ReviewedVersion;
};

export type TransitionDecision =
  | { ok: true; next: StoryStatus }
  /** `changedSince` is set when the only problem is that the story changed after `reviewed`. */
  | { ok: false; reason: string; changedSince?: ReviewedVersion };

/** Whether an action must name the version the person read (for the desk's forms and the commands). */
export function reviewsVersion(action: StoryAction): boolean {
  return isStoryAction(action) && TRANSITIONS[action].reviewsVersion === true;
}

function isStoryStatus(value: unknown): value is StoryStatus {
  return typeof value === "string" && (STORY_STATUSES as readonly string[]).includes(value);
}

function isStoryAction(value: unknown): value is StoryAction {
  return typeof value === "string" && (STORY_ACTIONS as readonly string[]).includes(value);
}

function actorKind(role: WorkflowActor, isOwner: boolean): TransitionActor | "other_reporter" | null {
  switch (role) {
    case "reporter":
      // Strictly true: a missing or truthy-but-wrong flag from a loose caller must not grant ownership.
      return isOwner === true ? "own_reporter" : "other_reporter";
    case "editor":
    case "admin":
    case "system":
      return role;
    default:
      return null;
  }
}

/**
 * Role and state only, without the inputs a form supplies (note, publish time). Shared by
 * decideTransition and availableActions so the buttons and the guard cannot disagree.
 */
function checkRoleAndState(
  status: StoryStatus,
  action: StoryAction,
  role: WorkflowActor,
  isOwner: boolean,
): TransitionDecision {
  // Status, action and role come from form posts and database rows; do not trust the types.
  if (!isStoryStatus(status)) return { ok: false, reason: "This story is in an unknown state." };
  if (!isStoryAction(action)) return { ok: false, reason: "That is not something that can be done to a story." };
  const actor = actorKind(role, isOwner);
  if (actor === null) return { ok: false, reason: "You do not have permission to change stories." };

  const transition = TRANSITIONS[action];
  if (!transition.actors.includes(actor as TransitionActor)) {
    if (actor === "system") return { ok: false, reason: NON_SYSTEM_ACTION_REASON };
    // Checked before the state, so a reporter hears "not yours" / "editors only" rather than a
    // state explanation that suggests they could act once the state changes.
    return { ok: false, reason: EDITOR_ONLY_REASONS[action] };
  }

  if (!transition.from.includes(status)) {
    return { ok: false, reason: WRONG_STATE_OVERRIDES[action]?.[status] ?? WRONG_STATE_REASONS[action] };
  }
  return { ok: true, next: transition.to };
}

function isValidDate(value: unknown): value is Date {
  return value instanceof Date && !Number.isNaN(value.getTime());
}

export function decideTransition(input: TransitionInput): TransitionDecision {
  const { status, action, role, isOwner, note, publishAt } = input;
  const decision = checkRoleAndState(status, action, role, isOwner);
  if (!decision.ok) return decision;

  const now = input.now ?? new Date();
  if (!isValidDate(now)) return { ok: false, reason: "The current time is not a valid date." };

  const requirement = TRANSITIONS[action].requires;
  if (requirement === "note" && (typeof note !== "string" || note.trim() === "")) {
    return {
      ok: false,
      reason:
        action === "request_changes"
          ? "Please write a note telling the reporter what to change."
          : "Please give a reason for unpublishing this story.",
    };
  }
  if (requirement === "publishAt") {
    if (publishAt === undefined) return { ok: false, reason: "Please choose when the story should be published." };
    if (!isValidDate(publishAt)) return { ok: false, reason: "The publish time is not a valid date." };
    if (publishAt.getTime() <= now.getTime()) return { ok: false, reason: "The publish time must be in the future." };
  }
  if (action === "system_publish" && publishAt !== undefined) {
    if (!isValidDate(publishAt)) return { ok: false, reason: "The publish time is not a valid date." };
    if (publishAt.getTime() > now.getTime()) return { ok: false, reason: "This story is not due to be published yet." };
  }
  if (TRANSITIONS[action].reviewsVersion) return checkReviewed(action, input.reviewed, input.version) ?? decision;
  return decision;
}

/** Checked last: the person may act and has filled in the form; only the text may have moved on. */
function checkReviewed(action: StoryAction, reviewed: ReviewedVersion | undefined, version: number | undefined): TransitionDecision | null {
  if (typeof version !== "number" || !Number.isSafeInteger(version)) return { ok: false, reason: "This story's current version is unknown." };
  if (!reviewed || reviewed.kind !== "version" || !Number.isSafeInteger(reviewed.version)) {
    return { ok: false, reason: "Say which version of the story you read: reload the story and try again." };
  }
  if (reviewed.version > version) return { ok: false, reason: "That version of the story does not exist; reload the story and try again." };
  if (!isCurrentVersion(reviewed, { version })) {
    return { ok: false, reason: STALE_REASONS[action] ?? "This story changed after the version you read; read the changes, then try again.", changedSince: reviewed };
  }
  return null;
}

const STALE_REASONS: Partial<Record<StoryAction, string>> = {
  approve: "This story changed after the version you read, so it was not approved. Read what changed, then approve again.",
  publish: "This story changed after the version you read, so nothing was published. Read what changed, then publish again.",
  schedule: "This story changed after the version you read, so it was not scheduled. Read what changed, then schedule again.",
  republish: "This story changed after the version you read, so nothing was published. Read what changed, then publish again.",
  publish_update: "This story changed after the version you read, so the update was not published. Read what changed, then publish again.",
};

/**
 * Actions whose role and state rules pass, in STORY_ACTIONS order, for deciding which buttons to
 * show. Form inputs (note, publish time) are not checked here: the button opens the form that asks
 * for them. It also cannot know whether a published story has staged changes, or an approved one
 * changes since its approval; the caller hides "Publish update" and "Approve" when there are none.
 */
export function availableActions(status: StoryStatus, role: WorkflowActor, isOwner: boolean): StoryAction[] {
  return STORY_ACTIONS.filter((action) => checkRoleAndState(status, action, role, isOwner).ok);
}
