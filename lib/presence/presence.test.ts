/** Presence: heartbeats per tab, a 20-second window, and only for people who may see the story. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDbHandleForTests } from "@/lib/db";
import type { DbHandle } from "@/lib/db/open";
import { openTestDatabase } from "@/lib/testing/test-db";
import { draftOf, seedNewsroom, type TestNewsroom } from "@/lib/testing/story-fixtures";
import { createStory } from "@/lib/stories/commands";
import { leavePresence, recordPresence } from "./commands";
import { listStoryPresence, PRESENCE_WINDOW_MS } from "./queries";

let handle: DbHandle;
let newsroom: TestNewsroom;
let storyId: string;

beforeAll(async () => {
  handle = await openTestDatabase();
  setDbHandleForTests(handle);
  newsroom = await seedNewsroom(handle);
  const story = await createStory(newsroom.reporter, draftOf());
  if (!story.ok) throw new Error("fixture");
  storyId = story.storyId;
});

afterAll(async () => {
  setDbHandleForTests(undefined);
  await handle?.close();
});

describe("story presence", () => {
  it("shows the other people and the viewer's other tabs, not the asking tab", async () => {
    const now = new Date("2030-05-01T10:00:00Z");
    expect(await recordPresence(newsroom.reporter, { storyId, clientId: "reporter-tab-1" }, now)).toEqual({ ok: true });
    expect(await recordPresence(newsroom.reporter, { storyId, clientId: "reporter-tab-2" }, now)).toEqual({ ok: true });
    expect(await recordPresence(newsroom.editor, { storyId, clientId: "editor-tab-1" }, now)).toEqual({ ok: true });

    const seenByTab1 = await listStoryPresence(newsroom.reporter, storyId, { exceptClientId: "reporter-tab-1", now });
    expect(seenByTab1).toEqual([
      { userId: newsroom.editor.id, name: "Rana Haddad", isViewer: false },
      { userId: newsroom.reporter.id, name: "Sami Reporter", isViewer: true },
    ]);
  });

  it("forgets tabs that stopped beating after the window, and tabs that said goodbye at once", async () => {
    const start = new Date("2030-05-02T10:00:00Z");
    await recordPresence(newsroom.editor, { storyId, clientId: "editor-old" }, start);
    await recordPresence(newsroom.admin, { storyId, clientId: "admin-leaving" }, start);
    const later = new Date(start.getTime() + 5_000);
    await recordPresence(newsroom.reporter, { storyId, clientId: "reporter-now" }, later);
    let seen = await listStoryPresence(newsroom.reporter, storyId, { exceptClientId: "reporter-now", now: later });
    expect(seen?.map((p) => p.name).sort()).toEqual(["Ada Admin", "Rana Haddad"]);

    await leavePresence(newsroom.admin, { storyId, clientId: "admin-leaving" });
    seen = await listStoryPresence(newsroom.reporter, storyId, { exceptClientId: "reporter-now", now: later });
    expect(seen?.map((p) => p.name)).toEqual(["Rana Haddad"]);

    const afterWindow = new Date(start.getTime() + PRESENCE_WINDOW_MS + 1);
    seen = await listStoryPresence(newsroom.reporter, storyId, { exceptClientId: "reporter-now", now: afterWindow });
    expect(seen).toEqual([]);
  });

  it("does not let someone take over another person's tab id or leave for them", async () => {
    const now = new Date("2030-05-03T10:00:00Z");
    await recordPresence(newsroom.editor, { storyId, clientId: "shared-id" }, now);
    await recordPresence(newsroom.admin, { storyId, clientId: "shared-id" }, now);
    await leavePresence(newsroom.admin, { storyId, clientId: "shared-id" });
    const seen = await listStoryPresence(newsroom.reporter, storyId, { exceptClientId: "x", now });
    expect(seen?.find((p) => p.userId === newsroom.editor.id)).toBeTruthy();
    expect(seen?.find((p) => p.userId === newsroom.admin.id)).toBeFalsy();
  });

  it("refuses people who may not see the story, and nonsense ids", async () => {
    const now = new Date("2030-05-04T10:00:00Z");
    expect(await recordPresence(newsroom.otherReporter, { storyId, clientId: "nosy" }, now)).toMatchObject({ ok: false, kind: "not_found" });
    expect(await listStoryPresence(newsroom.otherReporter, storyId, { exceptClientId: "nosy", now })).toBeNull();
    expect(await recordPresence(newsroom.editor, { storyId: "not-a-uuid", clientId: "x" }, now)).toMatchObject({ ok: false });
    const seen = await listStoryPresence(newsroom.editor, storyId, { exceptClientId: "x", now });
    expect(seen?.find((p) => p.userId === newsroom.otherReporter.id)).toBeFalsy();
  });
});
