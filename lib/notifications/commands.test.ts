import { describe, expect, it } from "vitest";
import type { StoryAudience } from "@/lib/stories/queries";
import { headlineFor } from "./commands";

const AUTHOR = "u-author";
const audience = (status: StoryAudience["access"]["status"]): StoryAudience => ({
  access: { authorId: AUTHOR, bylineUserIds: ["u-co"], status },
  workingHeadline: "Staged: mayor to resign",
  liveHeadline: status === "published" ? "Council approves budget" : null,
});

describe("headlineFor: who may hear about a story, in which words (issue 11, point 5)", () => {
  it("tells the story's reporters and editors the working headline", () => {
    for (const viewer of [{ id: AUTHOR, role: "reporter" as const }, { id: "u-co", role: "reporter" as const }, { id: "u-editor", role: "editor" as const }]) {
      expect(headlineFor(viewer, audience("published"), "story")).toBe("Staged: mayor to resign");
      expect(headlineFor(viewer, audience("unpublished"), "thread")).toBe("Staged: mayor to resign");
    }
  });

  it("tells another reporter only the live headline, only about the story, and nothing once it is not live", () => {
    const colleague = { id: "u-colleague", role: "reporter" as const };
    expect(headlineFor(colleague, audience("published"), "story")).toBe("Council approves budget");
    expect(headlineFor(colleague, audience("published"), "thread")).toBeNull();
    for (const status of ["draft", "in_review", "unpublished", "scheduled"] as const) {
      expect(headlineFor(colleague, audience(status), "story")).toBeNull();
    }
  });
});
