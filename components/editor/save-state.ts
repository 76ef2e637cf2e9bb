/**
 * What the save state (`role="status"`) says, from the shared document's connection. Pure, so
 * every case is tested. "Saved" means the server has stored every change made in this browser;
 * the server acknowledges a change only after writing it to the database.
 */
import type { CollabSnapshot } from "./collab-session";

export type SaveState = { kind: "saved" | "saving" | "offline" | "loading" | "stopped"; text: string };

export function describeSaveState(snapshot: CollabSnapshot, canEdit: boolean): SaveState {
  if (snapshot.ended) return { kind: "stopped", text: snapshot.pendingLocal ? "Not saved: disconnected" : "Disconnected" };
  if (snapshot.connection !== "connected") {
    if (snapshot.offline) return { kind: "offline", text: canEdit ? "Offline (changes kept in this browser)" : "Offline" };
    return { kind: "loading", text: "Connecting…" };
  }
  if (!snapshot.synced || snapshot.unsynced > 0) {
    return snapshot.everSynced || snapshot.pendingLocal ? { kind: "saving", text: "Saving…" } : { kind: "loading", text: "Connecting…" };
  }
  return { kind: "saved", text: "Saved" };
}

/** Whether leaving the page now would leave changes only in this browser. */
export function hasUnsavedChanges(snapshot: CollabSnapshot): boolean {
  return snapshot.pendingLocal || (snapshot.connection === "connected" && snapshot.synced && snapshot.unsynced > 0);
}
