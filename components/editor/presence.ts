/**
 * Who else has the story open, from the shared document's awareness (each browser announces
 * itself with its person's name and colour). Replaces the old presence heartbeat.
 */
import type { Awareness } from "y-protocols/awareness";
import type { PresenceUser } from "./collaboration-carets";

/** Colours with at least 4.5:1 contrast on white, for carets and name labels. */
const COLOURS = ["#b3261e", "#1d5fbf", "#1b7a3e", "#8a3ab9", "#a35200", "#00717a", "#b0216f", "#4d5a00"];

export function colourFor(userId: string): string {
  let hash = 0;
  for (const char of userId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return COLOURS[hash % COLOURS.length]!;
}

export type Participant = { id: string; name: string; color: string; isViewer: boolean };

/** Everyone else in the story, once each: another tab of one's own shows as "you, in another tab". */
export function otherParticipants(states: Map<number, Record<string, unknown>>, selfClientId: number, viewerId: string): Participant[] {
  const seen = new Map<string, Participant>();
  for (const [clientId, state] of states) {
    if (clientId === selfClientId) continue;
    const user = state.user as Partial<PresenceUser> | undefined;
    if (!user || typeof user.id !== "string" || typeof user.name !== "string") continue;
    if (!seen.has(user.id)) seen.set(user.id, { id: user.id, name: user.name, color: typeof user.color === "string" ? user.color : colourFor(user.id), isViewer: user.id === viewerId });
  }
  return [...seen.values()].sort((a, b) => Number(a.isViewer) - Number(b.isViewer) || a.name.localeCompare(b.name));
}

export function announce(awareness: Awareness, user: PresenceUser): void {
  awareness.setLocalStateField("user", user);
}
