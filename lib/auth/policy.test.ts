import { describe, expect, it } from "vitest";
import type { StoryStatus } from "@/lib/stories/workflow";
import {
  PERMISSIONS,
  ROLES,
  can,
  canCommentOnStory,
  canEditStory,
  canReadStoryWorkingCopy,
  canViewStory,
  isStoryOwner,
  type Permission,
  type Role,
} from "./policy";

// Written out from the product spec, not derived from the implementation's grant table.
const Y = true;
const N = false;
//                                     reporter editor admin
const EXPECTED_MATRIX: Record<string, [boolean, boolean, boolean]> = {
  "story.create":                     [Y,       Y,     Y],
  "story.read.own":                   [Y,       Y,     Y],
  "story.read.any":                   [N,       Y,     Y],
  "story.edit.own":                   [Y,       Y,     Y],
  "story.edit.any":                   [N,       Y,     Y],
  "story.submit":                     [Y,       Y,     Y],
  "story.withdraw":                   [Y,       Y,     Y],
  "story.review":                     [N,       Y,     Y],
  "story.publish":                    [N,       Y,     Y],
  "story.schedule":                   [N,       Y,     Y],
  "story.unpublish":                  [N,       Y,     Y],
  "story.correct":                    [N,       Y,     Y],
  "story.restore":                    [N,       Y,     Y],
  "story.trash.own":                  [Y,       Y,     Y],
  "story.trash.any":                  [N,       Y,     Y],
  "comment.create":                   [Y,       Y,     Y],
  "section.manage":                   [N,       Y,     Y],
  "tag.manage":                       [N,       Y,     Y],
  "people.manage":                    [N,       N,     Y],
  "settings.manage":                  [N,       N,     Y],
  "audit.read":                       [N,       N,     Y],
  "media.upload":                     [Y,       Y,     Y],
  "review.queue.read":                [N,       Y,     Y],
  "story.read.staged.any":            [N,       Y,     Y],
};
const ROLE_ORDER: Role[] = ["reporter", "editor", "admin"];

describe("roles and permissions", () => {
  it("has exactly the three roles", () => {
    expect([...ROLES]).toEqual(ROLE_ORDER);
  });

  it("the expected table covers exactly the exported permissions", () => {
    expect([...PERMISSIONS].sort()).toEqual(Object.keys(EXPECTED_MATRIX).sort());
  });

  const cells = Object.entries(EXPECTED_MATRIX).flatMap(([permission, row]) =>
    ROLE_ORDER.map((role, i) => ({ role, permission: permission as Permission, allowed: row[i] })),
  );

  it.each(cells)("can($role, $permission) === $allowed", ({ role, permission, allowed }) => {
    expect(can(role, permission)).toBe(allowed);
  });

  it("says no to an unknown role or permission from a tampered session", () => {
    expect(can("superuser" as Role, "story.publish")).toBe(false);
    expect(can("admin", "story.delete" as Permission)).toBe(false);
    expect(can("admin", "constructor" as Permission)).toBe(false);
    expect(can("__proto__" as Role, "story.create")).toBe(false);
  });
});

const STATUSES: StoryStatus[] = [
  "draft",
  "in_review",
  "changes_requested",
  "approved",
  "scheduled",
  "published",
  "unpublished",
];

type Ownership = "author" | "co-byline" | "none";

const VIEWER_ID = "u-viewer";
function storyFor(ownership: Ownership, status: StoryStatus) {
  return {
    authorId: ownership === "author" ? VIEWER_ID : "u-someone-else",
    bylineUserIds: ownership === "co-byline" ? ["u-someone-else", VIEWER_ID] : ["u-someone-else", "u-third"],
    status,
  };
}

// Columns:                 draft in_review changes_requested approved scheduled published unpublished
const VIEW: Record<`${Role}/${Ownership}`, string> = {
  "reporter/author":       "Y     Y         Y                 Y        Y         Y         Y",
  "reporter/co-byline":    "Y     Y         Y                 Y        Y         Y         Y",
  "reporter/none":         "N     N         N                 N        N         Y         N",
  "editor/author":         "Y     Y         Y                 Y        Y         Y         Y",
  "editor/co-byline":      "Y     Y         Y                 Y        Y         Y         Y",
  "editor/none":           "Y     Y         Y                 Y        Y         Y         Y",
  "admin/author":          "Y     Y         Y                 Y        Y         Y         Y",
  "admin/co-byline":       "Y     Y         Y                 Y        Y         Y         Y",
  "admin/none":            "Y     Y         Y                 Y        Y         Y         Y",
};
// Columns:                 draft in_review changes_requested approved scheduled published unpublished
const EDIT: Record<`${Role}/${Ownership}`, string> = {
  "reporter/author":       "Y     N         Y                 N        N         Y         Y",
  "reporter/co-byline":    "Y     N         Y                 N        N         Y         Y",
  "reporter/none":         "N     N         N                 N        N         N         N",
  "editor/author":         "Y     Y         Y                 Y        Y         Y         Y",
  "editor/co-byline":      "Y     Y         Y                 Y        Y         Y         Y",
  "editor/none":           "Y     Y         Y                 Y        Y         Y         Y",
  "admin/author":          "Y     Y         Y                 Y        Y         Y         Y",
  "admin/co-byline":       "Y     Y         Y                 Y        Y         Y         Y",
  "admin/none":            "Y     Y         Y                 Y        Y         Y         Y",
};

function rowCases(table: Record<string, string>) {
  return Object.entries(table).flatMap(([key, row]) => {
    const [role, ownership] = key.split("/") as [Role, Ownership];
    const cells = row.trim().split(/\s+/);
    if (cells.length !== STATUSES.length) throw new Error(`bad row ${key}`);
    return STATUSES.map((status, i) => ({ role, ownership, status, allowed: cells[i] === "Y" }));
  });
}

function expectDecision(decision: { ok: boolean; reason?: string }, allowed: boolean) {
  if (allowed) {
    expect(decision).toEqual({ ok: true });
  } else {
    expect(decision.ok).toBe(false);
    expect(decision.reason).toMatch(/^[A-Z].*[.]$/);
  }
}

describe("canViewStory: every status x role x ownership", () => {
  it("covers 7 x 3 x 3 cases", () => expect(rowCases(VIEW)).toHaveLength(63));

  it.each(rowCases(VIEW))("$role ($ownership) viewing $status -> $allowed", ({ role, ownership, status, allowed }) => {
    expectDecision(canViewStory({ id: VIEWER_ID, role }, storyFor(ownership, status)), allowed);
  });
});

describe("canEditStory: every status x role x ownership", () => {
  it("covers 7 x 3 x 3 cases", () => expect(rowCases(EDIT)).toHaveLength(63));

  it.each(rowCases(EDIT))("$role ($ownership) editing $status -> $allowed", ({ role, ownership, status, allowed }) => {
    expectDecision(canEditStory({ id: VIEWER_ID, role }, storyFor(ownership, status)), allowed);
  });

  it.each([
    ["in_review", "This story is in review; you can edit it again if an editor sends it back."],
    ["approved", "This story has been approved; ask an editor if it needs another change."],
    ["scheduled", "This story is scheduled to publish; ask an editor to unschedule it if it needs a change."],
  ] as const)("explains why a reporter cannot edit their own %s story", (status, reason) => {
    expect(canEditStory({ id: VIEWER_ID, role: "reporter" }, storyFor("author", status))).toEqual({ ok: false, reason });
  });

  it("explains that another reporter's story is not theirs", () => {
    expect(canEditStory({ id: VIEWER_ID, role: "reporter" }, storyFor("none", "draft"))).toEqual({
      ok: false,
      reason: "You can only edit stories you wrote or share a byline on.",
    });
  });
});

describe("ownership", () => {
  it("counts the author and co-bylines, nobody else", () => {
    expect(isStoryOwner("a", { authorId: "a", bylineUserIds: [] })).toBe(true);
    expect(isStoryOwner("b", { authorId: "a", bylineUserIds: ["b"] })).toBe(true);
    expect(isStoryOwner("c", { authorId: "a", bylineUserIds: ["b"] })).toBe(false);
  });

  it("does not treat an empty id as matching an empty author", () => {
    expect(isStoryOwner("", { authorId: "", bylineUserIds: [""] })).toBe(false);
    expect(canViewStory({ id: "", role: "reporter" }, { authorId: "", bylineUserIds: [], status: "draft" }).ok).toBe(
      false,
    );
  });

  it("an unknown role sees and edits nothing", () => {
    const viewer = { id: VIEWER_ID, role: "guest" as Role };
    expect(canViewStory(viewer, storyFor("author", "published")).ok).toBe(false);
    expect(canEditStory(viewer, storyFor("author", "draft")).ok).toBe(false);
  });
});

// Staged copy, comments and revisions. Columns as above.
const STAGED: Record<`${Role}/${Ownership}`, string> = {
  "reporter/author":       "Y     Y         Y                 Y        Y         Y         Y",
  "reporter/co-byline":    "Y     Y         Y                 Y        Y         Y         Y",
  "reporter/none":         "N     N         N                 N        N         N         N",
  "editor/author":         "Y     Y         Y                 Y        Y         Y         Y",
  "editor/co-byline":      "Y     Y         Y                 Y        Y         Y         Y",
  "editor/none":           "Y     Y         Y                 Y        Y         Y         Y",
  "admin/author":          "Y     Y         Y                 Y        Y         Y         Y",
  "admin/co-byline":       "Y     Y         Y                 Y        Y         Y         Y",
  "admin/none":            "Y     Y         Y                 Y        Y         Y         Y",
};

describe("canReadStoryWorkingCopy: another reporter's live story shows its live version only", () => {
  it("covers 7 x 3 x 3 cases", () => expect(rowCases(STAGED)).toHaveLength(63));

  it.each(rowCases(STAGED))("$role ($ownership) reading the working copy of a $status story -> $allowed", ({ role, ownership, status, allowed }) => {
    expectDecision(canReadStoryWorkingCopy({ id: VIEWER_ID, role }, storyFor(ownership, status)), allowed);
  });

  it("is never wider than canViewStory", () => {
    for (const { role, ownership, status } of rowCases(STAGED)) {
      const viewer = { id: VIEWER_ID, role };
      if (canReadStoryWorkingCopy(viewer, storyFor(ownership, status)).ok) expect(canViewStory(viewer, storyFor(ownership, status)).ok).toBe(true);
    }
  });
});

describe("canCommentOnStory", () => {
  it("follows the thread the viewer can read", () => {
    const reporter = { id: VIEWER_ID, role: "reporter" as const };
    expect(canCommentOnStory(reporter, storyFor("none", "draft")).ok).toBe(false);
    expect(canCommentOnStory(reporter, storyFor("none", "published")).ok).toBe(false);
    expect(canCommentOnStory(reporter, storyFor("author", "published")).ok).toBe(true);
    expect(canCommentOnStory(reporter, storyFor("co-byline", "in_review")).ok).toBe(true);
    expect(canCommentOnStory({ id: VIEWER_ID, role: "editor" }, storyFor("none", "draft")).ok).toBe(true);
  });
});
