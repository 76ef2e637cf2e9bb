/**
 * The copy of the draft kept in the browser, so a crash, a reload or a long outage loses nothing.
 * One record per story and per tab (client id): two tabs on one story never overwrite each
 * other's copy. Pure over a Storage-like object, so it is tested without a browser.
 */
import { sameDraft, type EditorDraft } from "./draft";

export type DraftStorage = Pick<Storage, "getItem" | "setItem" | "removeItem" | "key" | "length">;

export type LocalDraftRecord = {
  v: 1;
  /** A story id, or "new" before the first save has created the story. */
  storyKey: string;
  clientId: string;
  /** The server version this text was based on; null for a story not created yet. */
  baseVersion: number | null;
  /** When the text was last changed (this browser's clock). */
  editedAt: number;
  /** True while the text holds changes the server has not confirmed. */
  dirty: boolean;
  draft: EditorDraft;
};

const PREFIX = "dateline:draft:v1:";

/** Copies older than this are not offered any more (and are deleted when seen). */
export const LOCAL_DRAFT_MAX_AGE_MS = 14 * 24 * 60 * 60_000;

export function localDraftKey(storyKey: string, clientId: string): string {
  return `${PREFIX}${storyKey}:${clientId}`;
}

/** False when the browser refused (quota, private mode); the editor then warns the writer. */
export function writeLocalDraft(storage: DraftStorage, record: LocalDraftRecord): boolean {
  try {
    storage.setItem(localDraftKey(record.storyKey, record.clientId), JSON.stringify(record));
    return true;
  } catch {
    return false;
  }
}

export function removeLocalDraft(storage: DraftStorage, storyKey: string, clientId: string): void {
  try {
    storage.removeItem(localDraftKey(storyKey, clientId));
  } catch {
    // Storage that refuses to remove is storage we cannot help.
  }
}

function parseRecord(raw: string | null): LocalDraftRecord | null {
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as Partial<LocalDraftRecord>;
    if (value?.v !== 1 || typeof value.storyKey !== "string" || typeof value.clientId !== "string") return null;
    if (typeof value.editedAt !== "number" || typeof value.dirty !== "boolean" || !value.draft || typeof value.draft !== "object") return null;
    if (typeof value.draft.headline !== "string" || !value.draft.body || typeof value.draft.body !== "object") return null;
    return value as LocalDraftRecord;
  } catch {
    return null;
  }
}

function keysWithPrefix(storage: DraftStorage, prefix: string): string[] {
  const keys: string[] = [];
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i);
    if (key && key.startsWith(prefix)) keys.push(key);
  }
  return keys;
}

/**
 * Unsaved copies of this story left by other tabs (closed, crashed or reloaded), newest first.
 * Whether such a tab is in fact still open is for the caller to ask (see `askLiveTabs`).
 */
export function findLocalDrafts(
  storage: DraftStorage,
  storyKey: string,
  options: { exceptClientId: string; now: number },
): LocalDraftRecord[] {
  const found: LocalDraftRecord[] = [];
  let keys: string[];
  try {
    keys = keysWithPrefix(storage, `${PREFIX}${storyKey}:`);
  } catch {
    return [];
  }
  for (const key of keys) {
    const record = parseRecord(storage.getItem(key));
    if (!record || record.storyKey !== storyKey) {
      storage.removeItem(key);
      continue;
    }
    if (record.clientId === options.exceptClientId) continue;
    if (!record.dirty || options.now - record.editedAt > LOCAL_DRAFT_MAX_AGE_MS) {
      storage.removeItem(key);
      continue;
    }
    found.push(record);
  }
  return found.sort((a, b) => b.editedAt - a.editedAt);
}

/**
 * Does a browser copy hold anything a save would still change? Against the server's working copy
 * the comparison is made in the form the server stores (see `storedForm`): a copy that differs
 * only in form — untrimmed fields, key order, tag spelling — is not unsaved text, and offering it
 * would teach writers to ignore the offer. `server` is null for a story not created yet: then any
 * headline, standfirst, source or body text counts.
 */
export function holdsUnsavedText(draft: EditorDraft, server: EditorDraft | null): boolean {
  try {
    if (server) return !sameDraft(draft, server);
    const typed = [draft.headline, draft.standfirst, draft.sourceLine].some((text) => typeof text === "string" && text.trim() !== "");
    const emptyBody = (draft.body.content ?? []).every((block) => block.type === "paragraph" && !block.content?.length);
    return typed || !emptyBody;
  } catch {
    // A copy in a shape this version cannot compare (written by an older one): offer it rather than lose it.
    return true;
  }
}

/**
 * The copies of this story to offer back: other tabs' unsaved copies (see `findLocalDrafts`) that
 * still hold text the server does not have, newest first. Copies that hold nothing new are deleted.
 */
export function findUnsavedCopies(
  storage: DraftStorage,
  storyKey: string,
  options: { exceptClientId: string; now: number; server: EditorDraft | null },
): LocalDraftRecord[] {
  return findLocalDrafts(storage, storyKey, options).filter((record) => {
    if (holdsUnsavedText(record.draft, options.server)) return true;
    removeLocalDraft(storage, storyKey, record.clientId);
    return false;
  });
}

/** Deletes every copy older than the limit, for any story (run now and then, not per keystroke). */
export function pruneLocalDrafts(storage: DraftStorage, now: number): void {
  try {
    for (const key of keysWithPrefix(storage, PREFIX)) {
      const record = parseRecord(storage.getItem(key));
      if (!record || now - record.editedAt > LOCAL_DRAFT_MAX_AGE_MS) storage.removeItem(key);
    }
  } catch {
    // Best effort housekeeping.
  }
}

const TAB_CHANNEL = "dateline-editor-tabs";

type TabMessage = { type: "ping"; ids: string[] } | { type: "pong"; id: string };

/**
 * Answers other tabs asking whether this tab is still open. Returns a function that stops
 * answering. Without BroadcastChannel (very old browsers) nothing answers, and copies from
 * open tabs may be offered: restoring one then only leads to a visible conflict, never a loss.
 */
export function answerTabPings(clientId: string): () => void {
  if (typeof BroadcastChannel === "undefined") return () => {};
  const channel = new BroadcastChannel(TAB_CHANNEL);
  channel.onmessage = (event: MessageEvent<TabMessage>) => {
    if (event.data?.type === "ping" && event.data.ids.includes(clientId)) channel.postMessage({ type: "pong", id: clientId } satisfies TabMessage);
  };
  return () => channel.close();
}

/** Which of these client ids belong to tabs that are still open (they answer within `waitMs`). */
export async function askLiveTabs(ids: string[], waitMs = 300): Promise<Set<string>> {
  const live = new Set<string>();
  if (ids.length === 0 || typeof BroadcastChannel === "undefined") return live;
  const channel = new BroadcastChannel(TAB_CHANNEL);
  channel.onmessage = (event: MessageEvent<TabMessage>) => {
    if (event.data?.type === "pong") live.add(event.data.id);
  };
  channel.postMessage({ type: "ping", ids } satisfies TabMessage);
  await new Promise((resolve) => setTimeout(resolve, waitMs));
  channel.close();
  return live;
}
