/** The browser copy of a draft: per story and per tab, offered back only when it holds unsaved text. */
import { describe, expect, it } from "vitest";
import { bodyOf } from "@/lib/testing/story-fixtures";
import { emptyFields, type EditorDraft } from "./draft";
import { findLocalDrafts, LOCAL_DRAFT_MAX_AGE_MS, localDraftKey, pruneLocalDrafts, removeLocalDraft, writeLocalDraft, type DraftStorage, type LocalDraftRecord } from "./local-drafts";

function memoryStorage(quota = Infinity): DraftStorage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    get length() {
      return map.size;
    },
    key: (i: number) => [...map.keys()][i] ?? null,
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => {
      if (v.length > quota) throw new DOMException("quota", "QuotaExceededError");
      map.set(k, v);
    },
    removeItem: (k: string) => void map.delete(k),
  };
}

function draft(text: string): EditorDraft {
  return { ...emptyFields("en", null), headline: `Headline ${text}`, body: bodyOf(text) };
}

function record(overrides: Partial<LocalDraftRecord>): LocalDraftRecord {
  return { v: 1, storyKey: "story-1", clientId: "tab-a", baseVersion: 3, editedAt: 1_000, dirty: true, draft: draft("a"), ...overrides };
}

describe("local drafts", () => {
  it("keeps one copy per story and tab, so two tabs never overwrite each other", () => {
    const storage = memoryStorage();
    expect(writeLocalDraft(storage, record({ clientId: "tab-a", draft: draft("from a") }))).toBe(true);
    expect(writeLocalDraft(storage, record({ clientId: "tab-b", draft: draft("from b"), editedAt: 2_000 }))).toBe(true);
    expect(storage.map.size).toBe(2);
    const found = findLocalDrafts(storage, "story-1", { exceptClientId: "tab-c", now: 3_000 });
    expect(found.map((r) => r.clientId)).toEqual(["tab-b", "tab-a"]);
    expect(found[0]!.draft.body).toEqual(bodyOf("from b"));
  });

  it("never offers a tab its own copy, copies of other stories, or clean copies", () => {
    const storage = memoryStorage();
    writeLocalDraft(storage, record({ clientId: "me" }));
    writeLocalDraft(storage, record({ storyKey: "story-2", clientId: "other" }));
    writeLocalDraft(storage, record({ clientId: "clean", dirty: false }));
    expect(findLocalDrafts(storage, "story-1", { exceptClientId: "me", now: 2_000 })).toEqual([]);
    // The clean copy is also cleared away.
    expect(storage.getItem(localDraftKey("story-1", "clean"))).toBeNull();
  });

  it("drops corrupt and expired copies instead of offering them", () => {
    const storage = memoryStorage();
    storage.setItem(localDraftKey("story-1", "broken"), "{not json");
    storage.setItem(localDraftKey("story-1", "wrong"), JSON.stringify({ v: 1, storyKey: "story-1", clientId: "wrong" }));
    writeLocalDraft(storage, record({ clientId: "old", editedAt: 0 }));
    const now = LOCAL_DRAFT_MAX_AGE_MS + 10;
    expect(findLocalDrafts(storage, "story-1", { exceptClientId: "x", now })).toEqual([]);
    expect(storage.map.size).toBe(0);
  });

  it("reports a full browser storage instead of throwing", () => {
    const storage = memoryStorage(100);
    expect(writeLocalDraft(storage, record({}))).toBe(false);
  });

  it("prunes old copies of any story and removes one copy on request", () => {
    const storage = memoryStorage();
    writeLocalDraft(storage, record({ storyKey: "s1", clientId: "a", editedAt: 0 }));
    writeLocalDraft(storage, record({ storyKey: "s2", clientId: "b", editedAt: LOCAL_DRAFT_MAX_AGE_MS }));
    pruneLocalDrafts(storage, LOCAL_DRAFT_MAX_AGE_MS + 5);
    expect([...storage.map.keys()]).toEqual([localDraftKey("s2", "b")]);
    removeLocalDraft(storage, "s2", "b");
    expect(storage.map.size).toBe(0);
  });
});
