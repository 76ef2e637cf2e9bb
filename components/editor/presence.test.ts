import { describe, expect, it } from "vitest";
import { colourFor, otherParticipants } from "./presence";

describe("Editing now", () => {
  it("lists everyone else once, by name, without this browser, and marks one's own other tab", () => {
    const states = new Map<number, Record<string, unknown>>([
      [1, { user: { id: "me", name: "Rana", color: "#000" } }],
      [2, { user: { id: "ed", name: "Eddie", color: "#111" } }],
      [3, { user: { id: "ed", name: "Eddie", color: "#111" } }],
      [4, { user: { id: "me", name: "Rana", color: "#000" } }],
      [5, {}],
    ]);
    expect(otherParticipants(states, 1, "me")).toEqual([
      { id: "ed", name: "Eddie", color: "#111", isViewer: false },
      { id: "me", name: "Rana", color: "#000", isViewer: true },
    ]);
  });

  it("gives each person one stable colour", () => {
    expect(colourFor("a-user")).toBe(colourFor("a-user"));
    expect(colourFor("a-user")).toMatch(/^#[0-9a-f]{6}$/);
  });
});
