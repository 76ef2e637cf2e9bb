/**
 * The workflow action as a script reaches it: Approve and every publish must name a well-formed
 * version, and a stale one comes back as a typed refusal carrying what changed since.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { setDbHandleForTests } from "@/lib/db";
import type { DbHandle } from "@/lib/db/open";
import { openTestDatabase } from "@/lib/testing/test-db";
import { snapshotDatabase } from "@/lib/testing/fixtures";
import { bodyOf, draftOf, seedNewsroom, type TestNewsroom, type TestPerson } from "@/lib/testing/story-fixtures";
import { createStory, saveStory } from "@/lib/stories/commands";

const session = vi.hoisted(() => ({ viewer: null as null | TestPerson }));

vi.mock("@/lib/auth/viewer", () => ({
  requireViewer: async () => {
    if (!session.viewer) throw new Error("NEXT_REDIRECT");
    return session.viewer;
  },
  getViewer: async () => session.viewer,
}));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn() }));

const { transitionStoryAction } = await import("./workflow-actions");

let handle: DbHandle;
let newsroom: TestNewsroom;

beforeAll(async () => {
  handle = await openTestDatabase();
  setDbHandleForTests(handle);
  newsroom = await seedNewsroom(handle);
});

afterAll(async () => {
  setDbHandleForTests(undefined);
  await handle?.close();
});

beforeEach(() => {
  session.viewer = newsroom.editor;
});

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
}

async function draftAtVersion2(): Promise<{ storyId: string; read: number; current: number }> {
  const created = await createStory(newsroom.reporter, draftOf({ headline: "Mayor's budget", sectionId: newsroom.sectionId }));
  if (!created.ok) throw new Error(created.message);
  const saved = await saveStory(newsroom.reporter, {
    storyId: created.storyId,
    baseVersion: created.version,
    kind: "manual",
    draft: draftOf({ headline: "Mayor's budget", sectionId: newsroom.sectionId, slug: created.slug, body: bodyOf("The council voted on Tuesday. The mayor is a criminal.") }),
  });
  if (!saved.ok) throw new Error(saved.message);
  return { storyId: created.storyId, read: created.version, current: saved.version };
}

describe("transitionStoryAction and the version the editor read", () => {
  it("refuses a publish that names no version, or a malformed one, writing nothing", async () => {
    const { storyId } = await draftAtVersion2();
    for (const reviewed of [null, "2", "v0", "v-1", "latest", "v1; drop table stories"]) {
      const before = await snapshotDatabase(handle);
      const state = await transitionStoryAction({ ok: false }, form({ storyId, action: "publish", ...(reviewed === null ? {} : { reviewedVersion: reviewed }) }));
      expect(state.ok, String(reviewed)).toBe(false);
      expect(state.message, String(reviewed)).toMatch(reviewed === null ? /which version/ : /could not be read/);
      expect(await snapshotDatabase(handle)).toEqual(before);
    }
  });

  it("hands back what changed when the story moved on, and publishes the newer version once named", async () => {
    const { storyId, read, current } = await draftAtVersion2();
    const before = await snapshotDatabase(handle);
    const stale = await transitionStoryAction({ ok: false }, form({ storyId, action: "publish", reviewedVersion: `v${read}` }));
    expect(stale).toMatchObject({ ok: false, message: expect.stringMatching(/nothing was published/), changes: { reviewedVersion: read, currentVersion: current } });
    expect(JSON.stringify(stale.changes)).toContain("The mayor is a criminal");
    expect(await snapshotDatabase(handle)).toEqual(before);

    const published = await transitionStoryAction({ ok: false }, form({ storyId, action: "publish", reviewedVersion: `v${current}` }));
    expect(published).toEqual({ ok: true, message: "Published." });
  });

  it("a reporter naming the right version is still refused: the version is checked after the role", async () => {
    const { storyId, current } = await draftAtVersion2();
    session.viewer = newsroom.reporter;
    const before = await snapshotDatabase(handle);
    const state = await transitionStoryAction({ ok: false }, form({ storyId, action: "publish", reviewedVersion: `v${current}` }));
    expect(state).toMatchObject({ ok: false, message: "Only editors can publish stories." });
    expect(state).not.toHaveProperty("changes");
    expect(await snapshotDatabase(handle)).toEqual(before);
  });
});
