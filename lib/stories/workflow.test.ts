import { describe, expect, it } from "vitest";
import {
  STATUS_LABELS,
  STORY_ACTIONS,
  STORY_STATUSES,
  availableActions,
  decideTransition,
  reviewsVersion,
  type StoryAction,
  type StoryStatus,
  type WorkflowActor,
} from "./workflow";

// The expected behaviour is written out by hand below, from the product spec, and deliberately not
// derived from TRANSITIONS: a wrong entry in the table must make these tests fail.

const STATUSES: StoryStatus[] = [
  "draft",
  "in_review",
  "changes_requested",
  "approved",
  "scheduled",
  "published",
  "unpublished",
];

const ACTIONS: StoryAction[] = [
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
];

// Cell codes: the next state, or "." for a refusal.
const CODE: Record<string, StoryStatus | null> = {
  D: "draft",
  R: "in_review",
  C: "changes_requested",
  A: "approved",
  S: "scheduled",
  P: "published",
  U: "unpublished",
  ".": null,
};

type Grid = Record<StoryStatus, string>;

//                             sub wd  rc  ap  pub sch uns unp rep upd sys
const REPORTER_OWN: Grid = {
  draft:                      "R   .   .   .   .   .   .   .   .   .   .",
  in_review:                  ".   D   .   .   .   .   .   .   .   .   .",
  changes_requested:          "R   .   .   .   .   .   .   .   .   .   .",
  approved:                   ".   .   .   .   .   .   .   .   .   .   .",
  scheduled:                  ".   .   .   .   .   .   .   .   .   .   .",
  published:                  ".   .   .   .   .   .   .   .   .   .   .",
  unpublished:                ".   .   .   .   .   .   .   .   .   .   .",
};
//                             sub wd  rc  ap  pub sch uns unp rep upd sys
const REPORTER_OTHER: Grid = {
  draft:                      ".   .   .   .   .   .   .   .   .   .   .",
  in_review:                  ".   .   .   .   .   .   .   .   .   .   .",
  changes_requested:          ".   .   .   .   .   .   .   .   .   .   .",
  approved:                   ".   .   .   .   .   .   .   .   .   .   .",
  scheduled:                  ".   .   .   .   .   .   .   .   .   .   .",
  published:                  ".   .   .   .   .   .   .   .   .   .   .",
  unpublished:                ".   .   .   .   .   .   .   .   .   .   .",
};
//                             sub wd  rc  ap  pub sch uns unp rep upd sys
const EDITOR: Grid = {
  draft:                      "R   .   .   .   P   .   .   .   .   .   .",
  in_review:                  ".   D   C   A   P   .   .   .   .   .   .",
  changes_requested:          "R   .   .   .   .   .   .   .   .   .   .",
  approved:                   ".   .   .   A   P   S   .   .   .   .   .",
  scheduled:                  ".   .   .   .   .   .   A   .   .   .   .",
  published:                  ".   .   .   .   .   .   .   U   .   P   .",
  unpublished:                ".   .   .   .   .   .   .   .   P   .   .",
};
//                             sub wd  rc  ap  pub sch uns unp rep upd sys
const ADMIN: Grid = {
  draft:                      "R   .   .   .   P   .   .   .   .   .   .",
  in_review:                  ".   D   C   A   P   .   .   .   .   .   .",
  changes_requested:          "R   .   .   .   .   .   .   .   .   .   .",
  approved:                   ".   .   .   A   P   S   .   .   .   .   .",
  scheduled:                  ".   .   .   .   .   .   A   .   .   .   .",
  published:                  ".   .   .   .   .   .   .   U   .   P   .",
  unpublished:                ".   .   .   .   .   .   .   .   P   .   .",
};
//                             sub wd  rc  ap  pub sch uns unp rep upd sys
const SYSTEM: Grid = {
  draft:                      ".   .   .   .   .   .   .   .   .   .   .",
  in_review:                  ".   .   .   .   .   .   .   .   .   .   .",
  changes_requested:          ".   .   .   .   .   .   .   .   .   .   .",
  approved:                   ".   .   .   .   .   .   .   .   .   .   .",
  scheduled:                  ".   .   .   .   .   .   .   .   .   .   P",
  published:                  ".   .   .   .   .   .   .   .   .   .   .",
  unpublished:                ".   .   .   .   .   .   .   .   .   .   .",
};

const MATRIX: { role: WorkflowActor; isOwner: boolean; grid: Grid }[] = [
  { role: "reporter", isOwner: true, grid: REPORTER_OWN },
  { role: "reporter", isOwner: false, grid: REPORTER_OTHER },
  { role: "editor", isOwner: true, grid: EDITOR },
  { role: "editor", isOwner: false, grid: EDITOR },
  { role: "admin", isOwner: true, grid: ADMIN },
  { role: "admin", isOwner: false, grid: ADMIN },
  { role: "system", isOwner: true, grid: SYSTEM },
  { role: "system", isOwner: false, grid: SYSTEM },
];

function expectedNext(grid: Grid, status: StoryStatus, action: StoryAction): StoryStatus | null {
  const cells = grid[status].trim().split(/\s+/);
  if (cells.length !== ACTIONS.length) throw new Error(`bad grid row for ${status}`);
  const code = cells[ACTIONS.indexOf(action)];
  if (!(code in CODE)) throw new Error(`bad grid code ${code}`);
  return CODE[code];
}

const NOW = new Date("2016-12-01T16:10:00Z");
const LATER = new Date("2016-12-01T18:00:00Z");
const EARLIER = new Date("2016-12-01T12:00:00Z");

// Inputs that satisfy every note/publishAt rule, so the matrix tests role and state alone.
function validInputs(action: StoryAction) {
  return {
    note: "Please check the casualty figures with a second source.",
    publishAt: action === "system_publish" ? EARLIER : LATER,
    now: NOW,
    version: 3,
    reviewed: { kind: "version", version: 3 } as const,
  };
}

const cases = MATRIX.flatMap(({ role, isOwner, grid }) =>
  STATUSES.flatMap((status) =>
    ACTIONS.map((action) => ({ role, isOwner, status, action, next: expectedNext(grid, status, action) })),
  ),
);

describe("story workflow vocabulary", () => {
  it("lists the seven states in workflow order with their labels", () => {
    expect([...STORY_STATUSES]).toEqual(STATUSES);
    expect(STATUS_LABELS).toEqual({
      draft: "Draft",
      in_review: "In review",
      changes_requested: "Changes requested",
      approved: "Approved",
      scheduled: "Scheduled",
      published: "Published",
      unpublished: "Unpublished",
    });
  });

  it("lists the eleven actions", () => {
    expect([...STORY_ACTIONS]).toEqual(ACTIONS);
  });
});

describe("decideTransition: every state x action x actor x ownership", () => {
  it("covers 7 states x 11 actions x 4 actors x 2 ownerships", () => {
    expect(cases).toHaveLength(7 * 11 * 4 * 2);
  });

  it.each(cases)("$role (owner: $isOwner) $action on $status -> $next", ({ role, isOwner, status, action, next }) => {
    const decision = decideTransition({ status, action, role, isOwner, ...validInputs(action) });
    if (next === null) {
      expect(decision.ok).toBe(false);
      if (decision.ok) return;
      // A reason is shown to a person: a sentence, not a code.
      expect(decision.reason).toMatch(/^[A-Z].*[.]$/);
      expect(decision.reason).not.toMatch(/_/);
    } else {
      expect(decision).toEqual({ ok: true, next });
    }
  });
});

describe("availableActions agrees with the expected table", () => {
  it.each(MATRIX.flatMap(({ role, isOwner, grid }) => STATUSES.map((status) => ({ role, isOwner, status, grid }))))(
    "$role (owner: $isOwner) on $status",
    ({ role, isOwner, status, grid }) => {
      const expected = ACTIONS.filter((action) => expectedNext(grid, status, action) !== null);
      expect(availableActions(status, role, isOwner)).toEqual(expected);
    },
  );

  it("offers buttons even before the form inputs exist", () => {
    expect(availableActions("in_review", "editor", false)).toEqual([
      "withdraw",
      "request_changes",
      "approve",
      "publish",
    ]);
    expect(availableActions("approved", "admin", false)).toEqual(["approve", "publish", "schedule"]);
    expect(availableActions("draft", "reporter", true)).toEqual(["submit"]);
    expect(availableActions("draft", "reporter", false)).toEqual([]);
  });
});

describe("refusal reasons a person can act on", () => {
  const base = { now: NOW };
  it.each([
    [{ status: "approved", action: "publish", role: "reporter", isOwner: true }, "Only editors can publish stories."],
    [{ status: "in_review", action: "approve", role: "reporter", isOwner: true }, "Only editors can approve stories."],
    [
      { status: "draft", action: "submit", role: "reporter", isOwner: false },
      "You can only submit stories you wrote or share a byline on.",
    ],
    [
      { status: "in_review", action: "withdraw", role: "reporter", isOwner: false },
      "You can only withdraw stories you wrote or share a byline on.",
    ],
    [
      { status: "in_review", action: "schedule", role: "editor", isOwner: false, publishAt: LATER },
      "A story must be approved before it can be scheduled.",
    ],
    [
      { status: "draft", action: "schedule", role: "admin", isOwner: false, publishAt: LATER },
      "A story must be approved before it can be scheduled.",
    ],
    [{ status: "in_review", action: "submit", role: "reporter", isOwner: true }, "This story is already in review."],
    [
      { status: "draft", action: "withdraw", role: "reporter", isOwner: true },
      "Only a story that is in review can be withdrawn.",
    ],
    [
      { status: "published", action: "publish", role: "editor", isOwner: false },
      "This story is already published; use Publish update to put changes live.",
    ],
    [
      { status: "scheduled", action: "publish", role: "editor", isOwner: false },
      "This story is scheduled; unschedule it first to publish it now.",
    ],
    [
      { status: "approved", action: "system_publish", role: "system", isOwner: false },
      "Only a scheduled story can be published by the scheduler.",
    ],
    [
      { status: "scheduled", action: "publish", role: "system", isOwner: false },
      "The scheduler can only publish scheduled stories.",
    ],
    [
      { status: "scheduled", action: "system_publish", role: "editor", isOwner: false },
      "Only the scheduler publishes a scheduled story at its time; use Publish to publish now.",
    ],
  ] as const)("%o", (input, reason) => {
    expect(decideTransition({ ...base, ...input })).toEqual({ ok: false, reason });
  });

  it("tells a reporter about ownership before the state", () => {
    // Another reporter's in-review story: "not yours", not "only a draft can be submitted".
    expect(decideTransition({ status: "in_review", action: "submit", role: "reporter", isOwner: false })).toEqual({
      ok: false,
      reason: "You can only submit stories you wrote or share a byline on.",
    });
  });
});

describe("request_changes needs a note", () => {
  const input = { status: "in_review", action: "request_changes", role: "editor", isOwner: false } as const;
  const reason = "Please write a note telling the reporter what to change.";

  it.each([undefined, "", "   ", "\n\t "])("refuses the note %j", (note) => {
    expect(decideTransition({ ...input, note })).toEqual({ ok: false, reason });
  });

  it("accepts a real note", () => {
    expect(decideTransition({ ...input, note: "Second source for the figures, please." })).toEqual({
      ok: true,
      next: "changes_requested",
    });
  });

  it("still refuses a reporter with a note, for the role", () => {
    expect(decideTransition({ ...input, role: "reporter", isOwner: true, note: "x" })).toEqual({
      ok: false,
      reason: "Only editors can send a story back for changes.",
    });
  });
});

describe("unpublish needs a reason", () => {
  const input = { status: "published", action: "unpublish", role: "admin", isOwner: false } as const;

  it.each([undefined, "", "  "])("refuses the note %j", (note) => {
    expect(decideTransition({ ...input, note })).toEqual({
      ok: false,
      reason: "Please give a reason for unpublishing this story.",
    });
  });

  it("accepts a reason", () => {
    expect(decideTransition({ ...input, note: "Legal hold" })).toEqual({ ok: true, next: "unpublished" });
  });
});

describe("schedule needs a publish time strictly in the future", () => {
  const input = { status: "approved", action: "schedule", role: "editor", isOwner: false, now: NOW, version: 2, reviewed: { kind: "version", version: 2 } } as const;

  it("refuses a missing time", () => {
    expect(decideTransition({ ...input })).toEqual({
      ok: false,
      reason: "Please choose when the story should be published.",
    });
  });

  it("refuses an invalid date", () => {
    expect(decideTransition({ ...input, publishAt: new Date("not a date") })).toEqual({
      ok: false,
      reason: "The publish time is not a valid date.",
    });
  });

  it.each([
    ["in the past", EARLIER],
    ["exactly now", new Date(NOW.getTime())],
  ])("refuses a time %s", (_label, publishAt) => {
    expect(decideTransition({ ...input, publishAt })).toEqual({
      ok: false,
      reason: "The publish time must be in the future.",
    });
  });

  it("accepts one millisecond after now", () => {
    expect(decideTransition({ ...input, publishAt: new Date(NOW.getTime() + 1) })).toEqual({
      ok: true,
      next: "scheduled",
    });
  });

  it("uses the real clock when now is not given", () => {
    expect(decideTransition({ ...input, now: undefined, publishAt: new Date(Date.now() - 60_000) }).ok).toBe(false);
    expect(decideTransition({ ...input, now: undefined, publishAt: new Date(Date.now() + 3_600_000) }).ok).toBe(true);
  });
});

describe("system_publish", () => {
  const input = { status: "scheduled", action: "system_publish", role: "system", isOwner: false, now: NOW } as const;

  it("publishes a due story", () => {
    expect(decideTransition({ ...input, publishAt: NOW })).toEqual({ ok: true, next: "published" });
    expect(decideTransition({ ...input, publishAt: EARLIER })).toEqual({ ok: true, next: "published" });
    expect(decideTransition({ ...input })).toEqual({ ok: true, next: "published" });
  });

  it("refuses a story that is not due yet", () => {
    expect(decideTransition({ ...input, publishAt: LATER })).toEqual({
      ok: false,
      reason: "This story is not due to be published yet.",
    });
  });
});

describe("untrusted input", () => {
  it("refuses an unknown action, status or role instead of throwing", () => {
    const unknownAction = decideTransition({
      status: "draft",
      action: "delete" as StoryAction,
      role: "admin",
      isOwner: true,
    });
    expect(unknownAction.ok).toBe(false);
    expect(
      decideTransition({ status: "archived" as StoryStatus, action: "publish", role: "admin", isOwner: true }).ok,
    ).toBe(false);
    expect(
      decideTransition({ status: "draft", action: "publish", role: "guest" as WorkflowActor, isOwner: true }).ok,
    ).toBe(false);
    expect(availableActions("draft", "guest" as WorkflowActor, true)).toEqual([]);
  });

  it("refuses __proto__-style action names", () => {
    expect(
      decideTransition({ status: "draft", action: "toString" as StoryAction, role: "admin", isOwner: true }).ok,
    ).toBe(false);
  });
});

describe("transitions that decide what the public reads name the version the editor read", () => {
  // Written out by hand: approval, and every transition that puts text live or sets it to go live.
  const REVIEWED: StoryAction[] = ["approve", "publish", "schedule", "republish", "publish_update"];
  const FROM: Record<string, StoryStatus[]> = {
    approve: ["in_review", "approved"],
    publish: ["draft", "in_review", "approved"],
    schedule: ["approved"],
    republish: ["unpublished"],
    publish_update: ["published"],
  };
  const reviewedCases = REVIEWED.flatMap((action) => FROM[action]!.flatMap((status) => (["editor", "admin"] as const).map((role) => ({ action, status, role }))));

  it("exactly these actions review a version", () => {
    expect(ACTIONS.filter(reviewsVersion)).toEqual(REVIEWED);
    expect(reviewsVersion("nonsense" as StoryAction)).toBe(false);
  });

  it.each(reviewedCases)("$role $action on $status: the current version goes ahead", ({ action, status, role }) => {
    expect(decideTransition({ status, action, role, isOwner: false, ...validInputs(action), version: 7, reviewed: { kind: "version", version: 7 } }).ok).toBe(true);
  });

  it.each(reviewedCases)("$role $action on $status: an older version is refused as changed since, naming it", ({ action, status, role }) => {
    const decision = decideTransition({ status, action, role, isOwner: false, ...validInputs(action), version: 3, reviewed: { kind: "version", version: 2 } });
    expect(decision).toMatchObject({ ok: false, changedSince: { kind: "version", version: 2 } });
    if (!decision.ok) expect(decision.reason).toMatch(/changed after the version you read/);
  });

  it.each(reviewedCases)("$role $action on $status: no version, or one that does not exist yet, is refused", ({ action, status, role }) => {
    const base = { status, action, role, isOwner: false, ...validInputs(action), version: 3 };
    const missing = decideTransition({ ...base, reviewed: undefined });
    expect(missing).toMatchObject({ ok: false, reason: expect.stringMatching(/which version/) });
    expect(missing).not.toHaveProperty("changedSince");
    const future = decideTransition({ ...base, reviewed: { kind: "version", version: 4 } });
    expect(future).toMatchObject({ ok: false, reason: expect.stringMatching(/does not exist/) });
    expect(future).not.toHaveProperty("changedSince");
    expect(decideTransition({ ...base, version: undefined }).ok).toBe(false);
    expect(decideTransition({ ...base, reviewed: { kind: "version", version: Number.NaN } }).ok).toBe(false);
  });

  it("role and state are explained before the version: a reporter is told it is not theirs to do", () => {
    const decision = decideTransition({ status: "published", action: "publish_update", role: "reporter", isOwner: true, version: 3, reviewed: { kind: "version", version: 1 } });
    expect(decision).toEqual({ ok: false, reason: "Only editors can publish an update to a live story." });
  });

  it("actions that change no text ignore the version", () => {
    for (const action of ["submit", "withdraw", "request_changes", "unschedule", "unpublish", "system_publish"] as const) {
      const status = ({ submit: "draft", withdraw: "in_review", request_changes: "in_review", unschedule: "scheduled", unpublish: "published", system_publish: "scheduled" } as const)[action];
      const role = action === "system_publish" ? "system" : "editor";
      expect(decideTransition({ status, action, role, isOwner: false, ...validInputs(action), version: 5, reviewed: undefined }).ok, action).toBe(true);
    }
  });
});
