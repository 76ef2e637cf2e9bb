import type { Editor } from "@tiptap/core";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { adoptEditor, claimEditor, offerEditor, ownsEditor, peekOfferedEditor, recordHandoffState, releaseEditor, type HandoffState } from "./handoff";

function fakeEditor(): Editor & { destroyCalls: number } {
  const editor = {
    destroyCalls: 0,
    isDestroyed: false,
    destroy() {
      editor.destroyCalls += 1;
      editor.isDestroyed = true;
    },
  };
  return editor as unknown as Editor & { destroyCalls: number };
}

const state: HandoffState = {
  clientId: "old-tab",
  fields: {} as HandoffState["fields"],
  slugTouched: true,
  dirty: true,
  focus: { id: "story-body", selectionStart: null, selectionEnd: null },
};

describe("editor hand-over from /new to the story's page", () => {
  // The offer is a browser-only thing: on the server there is never one to see.
  beforeEach(() => {
    vi.useFakeTimers();
    vi.stubGlobal("window", {});
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it("the story's page adopts the very editor the /new page offered, and the old page no longer destroys it", () => {
    const editor = fakeEditor();
    const oldPage = {};
    const newPage = {};
    claimEditor(editor, oldPage);
    offerEditor("s1", editor, 1);
    expect(peekOfferedEditor("s1", 1)).toBe(editor);
    recordHandoffState("s1", editor, state);
    expect(adoptEditor("s1", editor, newPage)).toEqual(state);
    expect(ownsEditor(editor, newPage)).toBe(true);
    releaseEditor(editor, oldPage, "s1");
    vi.runAllTimers();
    expect(editor.destroyCalls).toBe(0);
    releaseEditor(editor, newPage, "s1");
    expect(editor.destroyCalls).toBe(1);
  });

  it("a page rendered from another version, or on the server, does not see the offer", () => {
    const editor = fakeEditor();
    offerEditor("s2", editor, 3);
    expect(peekOfferedEditor("s2", 2)).toBeNull();
    expect(peekOfferedEditor(undefined, 3)).toBeNull();
    vi.unstubAllGlobals();
    expect(peekOfferedEditor("s2", 3)).toBeNull();
  });

  it("nothing is adopted before the old page has said how things stand", () => {
    const editor = fakeEditor();
    offerEditor("s3", editor, 1);
    expect(adoptEditor("s3", editor, {})).toBeNull();
    expect(adoptEditor("s3", fakeEditor(), {})).toBeNull();
  });

  it("an offered editor nobody adopts is destroyed one tick after its page lets go", () => {
    const editor = fakeEditor();
    const oldPage = {};
    claimEditor(editor, oldPage);
    offerEditor("s4", editor, 1);
    recordHandoffState("s4", editor, state);
    releaseEditor(editor, oldPage, "s4");
    expect(editor.destroyCalls).toBe(0);
    vi.runAllTimers();
    expect(editor.destroyCalls).toBe(1);
    expect(peekOfferedEditor("s4", 1)).toBeNull();
  });

  it("an editor that was never offered is destroyed at once, and only by its owner", () => {
    const editor = fakeEditor();
    const owner = {};
    claimEditor(editor, owner);
    releaseEditor(editor, {}, null);
    expect(editor.destroyCalls).toBe(0);
    releaseEditor(editor, owner, null);
    expect(editor.destroyCalls).toBe(1);
  });
});
