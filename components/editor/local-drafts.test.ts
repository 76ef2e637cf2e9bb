/** The browser copy of a draft: per story and per tab, offered back only when it holds unsaved text. */
import { describe, expect, it } from "vitest";
import { bodyOf } from "@/lib/testing/story-fixtures";
import { emptyFields, type EditorDraft } from "./draft";
import {
  findLocalDrafts,
  findUnsavedCopies,
  holdsUnsavedText,
  LOCAL_DRAFT_MAX_AGE_MS,
  localDraftKey,
  pruneLocalDrafts,
  removeLocalDraft,
  writeLocalDraft,
  type DraftStorage,
  type LocalDraftRecord,
} from "./local-drafts";

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

  describe("what is offered back", () => {
    const server: EditorDraft = { ...draft("filed"), sourceLine: "(Source: Agencies)", tags: ["Aleppo"] };

    it("does not offer a copy that only repeats what the server has, and deletes it", () => {
      const storage = memoryStorage();
      // The copy a tab kept after a workflow transition locked its editor: nothing was typed, but
      // the copy was marked dirty, with the editor's own spelling of the same story.
      const same = { ...server, headline: `${server.headline} `, tags: ["aleppo"], body: JSON.parse(JSON.stringify(server.body)) as EditorDraft["body"] };
      writeLocalDraft(storage, record({ clientId: "locked-tab", draft: same }));
      expect(holdsUnsavedText(same, server)).toBe(false);
      expect(findUnsavedCopies(storage, "story-1", { exceptClientId: "me", now: 2_000, server })).toEqual([]);
      expect(storage.map.size).toBe(0);
    });

    it("still offers a lost tab's unsaved text, in the body or any other field", () => {
      const storage = memoryStorage();
      const typed = { ...server, body: bodyOf("filed", "Only this browser knows this sentence.") };
      const moved = { ...server, sectionId: "8343bd20-e226-40c1-a001-ec84a6305b91" };
      writeLocalDraft(storage, record({ clientId: "crashed", draft: typed, editedAt: 1_500 }));
      writeLocalDraft(storage, record({ clientId: "closed", draft: moved, editedAt: 1_000 }));
      const offered = findUnsavedCopies(storage, "story-1", { exceptClientId: "me", now: 2_000, server });
      expect(offered.map((r) => r.clientId)).toEqual(["crashed", "closed"]);
      expect(storage.map.size).toBe(2);
    });

    it("offers a copy it cannot compare (an older shape) rather than lose it", () => {
      const { bylines, ...older } = server;
      void bylines;
      expect(holdsUnsavedText(older as EditorDraft, server)).toBe(true);
    });

    it("offers a copy of a story never created only when something was typed into it", () => {
      const blank = { ...emptyFields("en", null), body: { type: "doc", content: [{ type: "paragraph" }] } };
      expect(holdsUnsavedText(blank, null)).toBe(false);
      expect(holdsUnsavedText({ ...blank, headline: "Budget" }, null)).toBe(true);
      expect(holdsUnsavedText({ ...blank, body: bodyOf("A first line.") }, null)).toBe(true);
      expect(holdsUnsavedText({ ...blank, body: { type: "doc", content: [{ type: "figure", attrs: { src: "/media/a.webp" } }] } }, null)).toBe(true);
    });
  });
});
