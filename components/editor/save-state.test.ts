import { describe, expect, it } from "vitest";
import type { CollabSnapshot } from "./collab-session";
import { describeSaveState, hasUnsavedChanges } from "./save-state";

const base: CollabSnapshot = {
  connection: "connected",
  offline: false,
  synced: true,
  unsynced: 0,
  everSynced: true,
  localLoaded: true,
  pendingLocal: false,
  ended: null,
};
const state = (patch: Partial<CollabSnapshot>, canEdit = true) => describeSaveState({ ...base, ...patch }, canEdit);

describe("the save state", () => {
  it('says "Saved" only when connected, synced and every change acknowledged', () => {
    expect(state({})).toEqual({ kind: "saved", text: "Saved" });
    expect(state({ unsynced: 2, pendingLocal: true }).text).toBe("Saving…");
    expect(state({ synced: false, unsynced: 1 }).text).toBe("Saving…");
  });

  it('says "Offline" with the changes kept in this browser while disconnected, never "Saved"', () => {
    expect(state({ connection: "disconnected", offline: true, synced: false, pendingLocal: true }).text).toBe("Offline (changes kept in this browser)");
    // Between two reconnection attempts the provider says "connecting": still offline.
    expect(state({ connection: "connecting", offline: true, synced: false }).kind).toBe("offline");
    expect(state({ connection: "disconnected", offline: true }, false).text).toBe("Offline");
  });

  it("says neither Saved nor Offline before the first connection", () => {
    expect(state({ connection: "connecting", synced: false, everSynced: false }).text).toBe("Connecting…");
    expect(state({ synced: false, unsynced: 1, everSynced: false }).text).toBe("Connecting…");
  });

  it("says the connection stopped when the server ended it, and whether something was left unsaved", () => {
    expect(state({ ended: "session-ended", connection: "disconnected", offline: true }).text).toBe("Disconnected");
    expect(state({ ended: "refused", connection: "disconnected", offline: true, pendingLocal: true }).text).toBe("Not saved: disconnected");
  });

  it("warns before leaving only when this browser holds changes the server does not have", () => {
    expect(hasUnsavedChanges(base)).toBe(false);
    expect(hasUnsavedChanges({ ...base, pendingLocal: true })).toBe(true);
    expect(hasUnsavedChanges({ ...base, connection: "disconnected", offline: true, synced: false, pendingLocal: true })).toBe(true);
    // Connecting resets the provider's count to 1 until the first exchange: not an edit.
    expect(hasUnsavedChanges({ ...base, synced: false, unsynced: 1 })).toBe(false);
  });
});
