import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { setDbHandleForTests } from "@/lib/db";
import type { DbHandle } from "@/lib/db/open";
import * as schema from "@/lib/db/schema";
import { openTestDatabase } from "@/lib/testing/test-db";
import { draftOf, insertSection, insertSettings, insertUser, snapshotDatabase, type TestUser } from "@/lib/testing/fixtures";
import { createStory, saveStory } from "@/lib/stories/commands";
import { proposeUpdate, publishDueStories, transitionStory } from "./commands";
import { listReviewQueue, readChangesSinceApproval } from "./queries";
import { STORY_ACTIONS, type StoryAction } from "@/lib/stories/workflow";

let handle: DbHandle;
let reporter: TestUser;
let otherReporter: TestUser;
let editor: TestUser;
let admin: TestUser;
let section: { id: string; path: string };

beforeAll(async () => {
  handle = await openTestDatabase();
  setDbHandleForTests(handle);
  await insertSettings(handle);
  reporter = await insertUser(handle, "reporter", "Rana Haddad");
  otherReporter = await insertUser(handle, "reporter", "Omar Said");
  editor = await insertUser(handle, "editor", "Lina Editor");
  admin = await insertUser(handle, "admin", "Adam Admin");
  section = await insertSection(handle, "Coalition News");
});
afterAll(async () => {
  setDbHandleForTests(undefined);
  await handle?.close();
});

async function newStory(owner: TestUser = reporter, headline = `Story ${Math.random().toString(36).slice(2, 8)}`) {
  const created = await createStory(owner, draftOf({ headline, sectionId: section.id }));
  if (!created.ok) throw new Error(created.message);
  return created;
}

/** The story as it is now: what an editor who just read it names when acting on it. */
async function currentVersion(storyId: string) {
  return { kind: "version", version: (await statusOf(storyId)).version } as const;
}

async function statusOf(storyId: string) {
  const [row] = await handle.db.select().from(schema.stories).where(eq(schema.stories.id, storyId));
  return row!;
}

describe("the review journey", () => {
  it("goes draft -> review -> sent back -> review -> approved -> scheduled -> published by the sweep", async () => {
    const story = await newStory();
    expect((await transitionStory(reporter, { storyId: story.storyId, action: "submit" })).ok).toBe(true);

    const sentBack = await transitionStory(editor, { storyId: story.storyId, action: "request_changes", note: "Add the minister's full quote." });
    expect(sentBack).toMatchObject({ ok: true, status: "changes_requested" });
    const notes = await handle.db.select().from(schema.comments).where(eq(schema.comments.storyId, story.storyId));
    expect(notes).toEqual([expect.objectContaining({ kind: "send_back", body: "Add the minister's full quote.", authorId: editor.id })]);
    const toReporter = await handle.db.select().from(schema.notifications).where(eq(schema.notifications.userId, reporter.id));
    expect(toReporter.map((n) => n.kind)).toContain("sent_back");

    expect((await transitionStory(reporter, { storyId: story.storyId, action: "submit" })).ok).toBe(true);
    expect((await transitionStory(editor, { storyId: story.storyId, reviewed: await currentVersion(story.storyId), action: "approve" })).ok).toBe(true);

    const now = new Date();
    const at = new Date(now.getTime() + 60_000);
    expect(await transitionStory(editor, { storyId: story.storyId, reviewed: await currentVersion(story.storyId), action: "schedule", publishAt: at, now })).toMatchObject({ ok: true, status: "scheduled" });
    expect(await publishDueStories(new Date(at.getTime() - 1000))).toEqual([]);
    expect((await statusOf(story.storyId)).status).toBe("scheduled");

    const published = await publishDueStories(new Date(at.getTime() + 1000));
    expect(published.map((p) => p.storyId)).toEqual([story.storyId]);
    expect(published[0]!.paths).toEqual([`/${section.path}/${story.slug}`]);
    const row = await statusOf(story.storyId);
    expect(row.status).toBe("published");
    const [live] = await handle.db.select().from(schema.storyRevisions).where(eq(schema.storyRevisions.id, row.liveRevisionId!));
    expect(live!.html).toContain("<p>The council voted on Tuesday.</p>");

    const transitions = await handle.db.select().from(schema.auditEvents).where(eq(schema.auditEvents.targetId, story.storyId));
    const moves = transitions.filter((t) => t.action === "story.transition").map((t) => `${t.details.from}->${t.details.to}`);
    expect(moves).toEqual([
      "draft->in_review",
      "in_review->changes_requested",
      "changes_requested->in_review",
      "in_review->approved",
      "approved->scheduled",
      "scheduled->published",
    ]);
    expect(transitions.find((t) => t.details.to === "published")!.actorId).toBeNull();
  });
});

describe("refusals write nothing", () => {
  const attempts: Array<[string, () => TestUser, StoryAction, Record<string, unknown>]> = [
    ["a reporter publishing their own draft", () => reporter, "publish", {}],
    ["a reporter approving", () => reporter, "approve", {}],
    ["another reporter submitting", () => otherReporter, "submit", {}],
    ["an editor scheduling a draft", () => editor, "schedule", { publishAt: new Date(Date.now() + 3_600_000) }],
    ["an editor unpublishing a draft", () => editor, "unpublish", { note: "x" }],
    ["an editor sending back a draft", () => editor, "request_changes", { note: "x" }],
  ];
  for (const [label, who, action, extra] of attempts) {
    it(`refuses ${label}`, async () => {
      const story = await newStory();
      const before = await snapshotDatabase(handle);
      const result = await transitionStory(who(), { storyId: story.storyId, action, ...extra });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.message.length).toBeGreaterThan(5);
      expect(await snapshotDatabase(handle)).toEqual(before);
    });
  }

  it("refuses a send-back without a note, and scheduling in the past, changing nothing", async () => {
    const story = await newStory();
    await transitionStory(reporter, { storyId: story.storyId, action: "submit" });
    const before = await snapshotDatabase(handle);
    const noNote = await transitionStory(editor, { storyId: story.storyId, action: "request_changes", note: "   " });
    expect(noNote).toMatchObject({ ok: false });
    await transitionStory(editor, { storyId: story.storyId, reviewed: await currentVersion(story.storyId), action: "approve" });
    const afterApprove = await snapshotDatabase(handle);
    expect(afterApprove).not.toEqual(before);
    const past = await transitionStory(editor, { storyId: story.storyId, reviewed: await currentVersion(story.storyId), action: "schedule", publishAt: new Date(Date.now() - 60_000) });
    expect(past).toMatchObject({ ok: false, message: expect.stringMatching(/future/i) });
    expect(await snapshotDatabase(handle)).toEqual(afterApprove);
  });

  it("refuses every action that is not in the table from the draft state for a reporter, with zero writes", async () => {
    const story = await newStory();
    for (const action of STORY_ACTIONS.filter((a) => a !== "submit")) {
      const before = await snapshotDatabase(handle);
      const result = await transitionStory(reporter, { storyId: story.storyId, action, note: "n", publishAt: new Date(Date.now() + 3_600_000) });
      expect(result.ok, action).toBe(false);
      expect(await snapshotDatabase(handle)).toEqual(before);
    }
  });
});

describe("the scheduler", () => {
  beforeEach(async () => {
    // Each case starts with nothing due.
    await handle.db.update(schema.stories).set({ status: "approved", scheduledFor: null }).where(eq(schema.stories.status, "scheduled"));
  });

  async function scheduled(at: Date) {
    const story = await newStory();
    await transitionStory(reporter, { storyId: story.storyId, action: "submit" });
    await transitionStory(editor, { storyId: story.storyId, reviewed: await currentVersion(story.storyId), action: "approve" });
    const r = await transitionStory(editor, { storyId: story.storyId, reviewed: await currentVersion(story.storyId), action: "schedule", publishAt: at, now: new Date(at.getTime() - 60_000) });
    expect(r.ok).toBe(true);
    return story.storyId;
  }

  it("publishes each due story exactly once with two sweepers at the same time", async () => {
    const at = new Date(Date.now() + 120_000);
    const ids = await Promise.all(Array.from({ length: 8 }, () => scheduled(at)));
    const later = new Date(at.getTime() + 5_000);
    const [a, b] = await Promise.all([publishDueStories(later), publishDueStories(later)]);
    const all = [...a, ...b].map((p) => p.storyId).sort();
    expect(all).toEqual([...ids].sort());
    for (const id of ids) {
      const events = await handle.db.select().from(schema.auditEvents).where(eq(schema.auditEvents.targetId, id));
      expect(events.filter((e) => e.details.action === "system_publish")).toHaveLength(1);
      const publishRevisions = (await handle.db.select().from(schema.storyRevisions).where(eq(schema.storyRevisions.storyId, id))).filter((r) => r.kind === "publish");
      expect(publishRevisions).toHaveLength(1);
    }
    expect(await publishDueStories(later)).toEqual([]);
  });

  it("catches up after downtime: a story due an hour ago goes out on the first sweep", async () => {
    const at = new Date(Date.now() + 60_000);
    const id = await scheduled(at);
    const published = await publishDueStories(new Date(at.getTime() + 3_600_000));
    expect(published.map((p) => p.storyId)).toEqual([id]);
  });

  it("does not publish a story unscheduled just before its time, even racing the sweep", async () => {
    const at = new Date(Date.now() + 60_000);
    const id = await scheduled(at);
    const due = new Date(at.getTime() + 1);
    const [unscheduled, swept] = await Promise.all([
      transitionStory(editor, { storyId: id, action: "unschedule", now: new Date(at.getTime() - 10) }),
      publishDueStories(due),
    ]);
    const row = await statusOf(id);
    if (unscheduled.ok) {
      expect(swept).toEqual([]);
      expect(row.status).toBe("approved");
      expect(row.liveRevisionId).toBeNull();
    } else {
      expect(swept.map((p) => p.storyId)).toEqual([id]);
      expect(row.status).toBe("published");
    }
    const id2 = await scheduled(at);
    expect((await transitionStory(editor, { storyId: id2, action: "unschedule" })).ok).toBe(true);
    expect(await publishDueStories(due)).toEqual([]);
    expect((await statusOf(id2)).status).toBe("approved");
  });
});

describe("staged updates and corrections", () => {
  it("keeps the live revision untouched until Publish update, then records the correction", async () => {
    const story = await newStory(reporter, "Budget passes");
    await transitionStory(editor, { storyId: story.storyId, reviewed: await currentVersion(story.storyId), action: "publish" });
    const first = await statusOf(story.storyId);
    const [liveBefore] = await handle.db.select().from(schema.storyRevisions).where(eq(schema.storyRevisions.id, first.liveRevisionId!));

    const edited = await saveStory(reporter, {
      storyId: story.storyId,
      baseVersion: first.version,
      kind: "manual",
      draft: draftOf({ headline: "Budget passes narrowly", sectionId: section.id, slug: story.slug }),
    });
    expect(edited.ok).toBe(true);
    const staged = await statusOf(story.storyId);
    expect(staged.status).toBe("published");
    expect(staged.liveRevisionId).toBe(first.liveRevisionId);
    const [liveStill] = await handle.db.select().from(schema.storyRevisions).where(eq(schema.storyRevisions.id, staged.liveRevisionId!));
    expect(liveStill).toEqual(liveBefore);

    const byReporter = await transitionStory(reporter, { storyId: story.storyId, reviewed: await currentVersion(story.storyId), action: "publish_update" });
    expect(byReporter.ok).toBe(false);

    const update = await transitionStory(editor, { storyId: story.storyId, reviewed: await currentVersion(story.storyId), action: "publish_update", correctionNote: "An earlier version misstated the vote." });
    expect(update.ok).toBe(true);
    const after = await statusOf(story.storyId);
    expect(after.liveRevisionId).not.toBe(first.liveRevisionId);
    const [liveAfter] = await handle.db.select().from(schema.storyRevisions).where(eq(schema.storyRevisions.id, after.liveRevisionId!));
    expect(liveAfter!.headline).toBe("Budget passes narrowly");
    const corrections = await handle.db.select().from(schema.corrections).where(eq(schema.corrections.storyId, story.storyId));
    expect(corrections.map((c) => c.note)).toEqual(["An earlier version misstated the vote."]);

    const nothingStaged = await transitionStory(editor, { storyId: story.storyId, reviewed: await currentVersion(story.storyId), action: "publish_update" });
    expect(nothingStaged).toMatchObject({ ok: false, message: expect.stringMatching(/no staged changes/) });
  });

  it("answers a changed slug with a redirect from the old path", async () => {
    const story = await newStory(reporter, "Old name");
    await transitionStory(editor, { storyId: story.storyId, reviewed: await currentVersion(story.storyId), action: "publish" });
    const row = await statusOf(story.storyId);
    await saveStory(editor, { storyId: story.storyId, baseVersion: row.version, kind: "manual", draft: draftOf({ headline: "New name", sectionId: section.id, slug: "new-name-for-story" }) });
    const update = await transitionStory(editor, { storyId: story.storyId, reviewed: await currentVersion(story.storyId), action: "publish_update" });
    expect(update.ok && update.publicChange?.paths).toEqual([`/${section.path}/new-name-for-story`, `/${section.path}/${story.slug}`]);
    const redirects = await handle.db.select().from(schema.storyRedirects).where(eq(schema.storyRedirects.storyId, story.storyId));
    expect(redirects.map((r) => r.path)).toEqual([`/${section.path}/${story.slug}`]);
  });

  it("unpublishes only with a reason, and republishes", async () => {
    const story = await newStory();
    await transitionStory(admin, { storyId: story.storyId, reviewed: await currentVersion(story.storyId), action: "publish" });
    expect(await transitionStory(editor, { storyId: story.storyId, action: "unpublish", note: "" })).toMatchObject({ ok: false });
    expect(await transitionStory(editor, { storyId: story.storyId, action: "unpublish", note: "Legal review" })).toMatchObject({ ok: true, status: "unpublished" });
    expect((await statusOf(story.storyId)).unpublishedReason).toBe("Legal review");
    expect(await transitionStory(editor, { storyId: story.storyId, reviewed: await currentVersion(story.storyId), action: "republish" })).toMatchObject({ ok: true, status: "published" });
  });
});

describe("a reporter's update to their live story", () => {
  it("goes to the review queue, leaves the live page alone, and clears when an editor publishes it", async () => {
    const story = await newStory(reporter, "Live story with a proposal");
    await transitionStory(editor, { storyId: story.storyId, reviewed: await currentVersion(story.storyId), action: "publish" });
    expect(await proposeUpdate(reporter, story.storyId)).toMatchObject({ ok: false, message: expect.stringMatching(/no staged changes/) });

    const live = await statusOf(story.storyId);
    await saveStory(reporter, { storyId: story.storyId, baseVersion: live.version, kind: "manual", draft: draftOf({ headline: "Live story, corrected figures", sectionId: section.id, slug: story.slug }) });
    const before = await snapshotDatabase(handle);
    expect(await proposeUpdate(otherReporter, story.storyId)).toMatchObject({ ok: false });
    expect(await proposeUpdate(editor, story.storyId)).toMatchObject({ ok: false });
    expect(await snapshotDatabase(handle)).toEqual(before);

    expect(await proposeUpdate(reporter, story.storyId)).toEqual({ ok: true });
    const proposed = await statusOf(story.storyId);
    expect(proposed.status).toBe("published");
    expect(proposed.liveRevisionId).toBe(live.liveRevisionId);
    const queue = await listReviewQueue(editor);
    expect(queue!.find((q) => q.id === story.storyId)).toMatchObject({ isUpdate: true, headline: "Live story, corrected figures" });
    expect(await listReviewQueue(reporter)).toBeNull();

    expect((await transitionStory(editor, { storyId: story.storyId, reviewed: await currentVersion(story.storyId), action: "publish_update" })).ok).toBe(true);
    expect((await statusOf(story.storyId)).updateProposedAt).toBeNull();
    expect((await listReviewQueue(editor))!.some((q) => q.id === story.storyId)).toBe(false);
  });
});

describe("the version the editor read is the version that goes live", () => {
  const v = (version: number) => ({ kind: "version", version }) as const;

  async function saveAs(who: TestUser, storyId: string, draft: Parameters<typeof draftOf>[0]) {
    const row = await statusOf(storyId);
    const saved = await saveStory(who, { storyId, baseVersion: row.version, kind: "autosave", draft: draftOf({ sectionId: section.id, slug: row.slug, ...draft }) });
    if (!saved.ok) throw new Error(saved.message);
    return saved.version;
  }

  it("refuses Publish update of a version the reporter saved after the editor read it, showing the new sentence, and writes nothing", async () => {
    const story = await newStory(reporter, "Council meets");
    await transitionStory(editor, { storyId: story.storyId, reviewed: await currentVersion(story.storyId), action: "publish" });
    // The editor reads version 2 (staged), then the reporter saves version 3.
    const read = await saveAs(reporter, story.storyId, { headline: "Council meets", body: { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "The council voted on Tuesday." }] }] } });
    await saveAs(reporter, story.storyId, {
      headline: "Council meets",
      body: { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "The council voted on Tuesday. The mayor is a criminal." }] }] },
    });
    const liveBefore = (await statusOf(story.storyId)).liveRevisionId;
    const before = await snapshotDatabase(handle);
    const refused = await transitionStory(editor, { storyId: story.storyId, action: "publish_update", reviewed: v(read) });
    expect(refused).toMatchObject({ ok: false, kind: "stale", message: expect.stringMatching(/changed after the version you read/) });
    expect(await snapshotDatabase(handle)).toEqual(before);
    if (refused.ok || refused.kind !== "stale") throw new Error("expected a stale refusal");
    expect(refused.changes).toMatchObject({ reviewedVersion: read, currentVersion: read + 1, otherChanges: [] });
    const body = refused.changes.fields.find((f) => f.label === "Body")!;
    expect(body.parts.filter((p) => p.kind === "added").map((p) => p.text).join("")).toContain("The mayor is a criminal");
    expect((await statusOf(story.storyId)).liveRevisionId).toBe(liveBefore);

    // Having read it, the editor publishes the version that is current now.
    const published = await transitionStory(editor, { storyId: story.storyId, action: "publish_update", reviewed: v(read + 1) });
    expect(published.ok).toBe(true);
    const row = await statusOf(story.storyId);
    const [live] = await handle.db.select().from(schema.storyRevisions).where(eq(schema.storyRevisions.id, row.liveRevisionId!));
    expect(live!.storyVersion).toBe(read + 1);
  });

  it("says when the version read was never kept, and compares with the closest earlier copy", async () => {
    const story = await newStory(reporter, "Autosaved twice");
    const first = await saveAs(reporter, story.storyId, { headline: "Autosaved twice", standfirst: "One." });
    // Within the autosave revision interval: version `first` is not kept as a revision of its own.
    const read = await saveAs(reporter, story.storyId, { headline: "Autosaved twice", standfirst: "One. Two." });
    await saveAs(reporter, story.storyId, { headline: "Autosaved twice", standfirst: "One. Two. Three." });
    const refused = await transitionStory(editor, { storyId: story.storyId, action: "publish", reviewed: v(read) });
    if (refused.ok || refused.kind !== "stale") throw new Error("expected a stale refusal");
    expect(refused.changes.since.exact).toBe(false);
    expect(refused.changes.since.version).toBeLessThan(read);
    expect(first).toBeLessThan(read);
  });

  it("refuses each transition naming an older version, a version that does not exist, or none, and writes nothing", async () => {
    const cases: Array<{ action: StoryAction; prepare: (id: string) => Promise<void>; extra?: Record<string, unknown> }> = [
      { action: "publish", prepare: async () => {} },
      { action: "approve", prepare: async (id) => void (await transitionStory(reporter, { storyId: id, action: "submit" })) },
      {
        action: "schedule",
        prepare: async (id) => {
          await transitionStory(reporter, { storyId: id, action: "submit" });
          await transitionStory(editor, { storyId: id, action: "approve", reviewed: await currentVersion(id) });
        },
        extra: { publishAt: new Date(Date.now() + 3_600_000) },
      },
      {
        action: "republish",
        prepare: async (id) => {
          await transitionStory(editor, { storyId: id, action: "publish", reviewed: await currentVersion(id) });
          await transitionStory(editor, { storyId: id, action: "unpublish", note: "Legal" });
        },
      },
      { action: "publish_update", prepare: async (id) => void (await transitionStory(editor, { storyId: id, action: "publish", reviewed: await currentVersion(id) })) },
      {
        action: "publish_update",
        prepare: async (id) => void (await transitionStory(editor, { storyId: id, action: "publish", reviewed: await currentVersion(id) })),
        extra: { correctionNote: "An earlier version misnamed the mayor." },
      },
    ];
    for (const { action, prepare, extra } of cases) {
      const story = await newStory();
      await prepare(story.storyId);
      // Editors may edit in every state: the story moves on after the editor read it.
      const read = (await statusOf(story.storyId)).version;
      const now = await saveAs(editor, story.storyId, { headline: "Changed after reading" });
      const before = await snapshotDatabase(handle);
      for (const reviewed of [v(read), v(now + 1), undefined]) {
        const result = await transitionStory(editor, { storyId: story.storyId, action, reviewed, ...extra });
        expect(result.ok, `${action} naming ${JSON.stringify(reviewed)}`).toBe(false);
        if (!result.ok) expect(result.kind, `${action} naming ${JSON.stringify(reviewed)}`).toBe(reviewed?.version === read ? "stale" : "refused");
      }
      expect(await snapshotDatabase(handle), action).toEqual(before);
      const done = await transitionStory(editor, { storyId: story.storyId, action, reviewed: v(now), ...extra });
      expect(done.ok, action).toBe(true);
    }
  });

  it("marks a story changed after Approve, puts it back in the queue, and approves only the new version", async () => {
    const story = await newStory(reporter, "Approved then edited");
    await transitionStory(reporter, { storyId: story.storyId, action: "submit" });
    const approvedAt = (await statusOf(story.storyId)).version;
    expect((await transitionStory(editor, { storyId: story.storyId, action: "approve", reviewed: v(approvedAt) })).ok).toBe(true);
    expect(await transitionStory(editor, { storyId: story.storyId, action: "approve", reviewed: v(approvedAt) })).toMatchObject({ ok: false, message: "This version is already approved." });
    expect((await listReviewQueue(editor))!.some((q) => q.id === story.storyId)).toBe(false);
    expect(await readChangesSinceApproval(editor, story.storyId)).toBeNull();

    const edited = await saveAs(admin, story.storyId, { headline: "Approved then edited", standfirst: "A sentence nobody approved." });
    const changes = await readChangesSinceApproval(editor, story.storyId);
    expect(changes).toMatchObject({ reviewedVersion: approvedAt, currentVersion: edited, since: { version: approvedAt, exact: true }, approvedByName: editor.name });
    expect(changes!.fields.map((f) => f.label)).toEqual(["Standfirst"]);
    expect(await readChangesSinceApproval(otherReporter, story.storyId)).toBeNull();
    expect((await listReviewQueue(editor))!.find((q) => q.id === story.storyId)).toMatchObject({ changedSinceApproval: true, isUpdate: false });

    expect(await transitionStory(editor, { storyId: story.storyId, action: "approve", reviewed: v(approvedAt) })).toMatchObject({ ok: false, kind: "stale" });
    expect((await transitionStory(editor, { storyId: story.storyId, action: "approve", reviewed: v(edited) })).ok).toBe(true);
    expect(await readChangesSinceApproval(editor, story.storyId)).toBeNull();
    expect((await listReviewQueue(editor))!.some((q) => q.id === story.storyId)).toBe(false);
  });
});

describe("a scheduled publish puts out the version that was scheduled", () => {
  beforeEach(async () => {
    await handle.db.update(schema.stories).set({ status: "approved", scheduledFor: null }).where(eq(schema.stories.status, "scheduled"));
  });

  it("publishes the scheduled snapshot when the story was edited after scheduling, and leaves the edit staged for review", async () => {
    const story = await newStory(reporter, "Embargoed report");
    await transitionStory(reporter, { storyId: story.storyId, action: "submit" });
    await transitionStory(editor, { storyId: story.storyId, reviewed: await currentVersion(story.storyId), action: "approve" });
    const at = new Date(Date.now() + 60_000);
    const scheduledVersion = (await statusOf(story.storyId)).version;
    expect((await transitionStory(editor, { storyId: story.storyId, action: "schedule", publishAt: at, now: new Date(at.getTime() - 30_000), reviewed: { kind: "version", version: scheduledVersion } })).ok).toBe(true);

    const row = await statusOf(story.storyId);
    const edited = await saveStory(admin, { storyId: story.storyId, baseVersion: row.version, kind: "manual", draft: draftOf({ headline: "Embargoed report, unapproved headline", sectionId: section.id, slug: story.slug }) });
    expect(edited.ok).toBe(true);
    expect((await listReviewQueue(editor))!.find((q) => q.id === story.storyId)).toMatchObject({ changedSinceApproval: true });

    const published = await publishDueStories(new Date(at.getTime() + 1000));
    expect(published.map((p) => p.storyId)).toEqual([story.storyId]);
    const after = await statusOf(story.storyId);
    expect(after.status).toBe("published");
    expect(after.approvedRevisionId).toBeNull();
    const [live] = await handle.db.select().from(schema.storyRevisions).where(eq(schema.storyRevisions.id, after.liveRevisionId!));
    expect(live).toMatchObject({ headline: "Embargoed report", storyVersion: scheduledVersion });
    expect(live!.html).toContain("<p>The council voted on Tuesday.</p>");
    // The later edit is the working copy, staged like any edit to a live story.
    expect(after.headline).toBe("Embargoed report, unapproved headline");
    expect(after.version).toBe(scheduledVersion + 1);
    const toEditors = await handle.db.select().from(schema.notifications).where(eq(schema.notifications.userId, editor.id));
    expect(toEditors.some((n) => n.storyId === story.storyId && /Edits saved after scheduling are not live/.test(n.message))).toBe(true);
  });

  it("publishes the working copy when nothing changed after scheduling", async () => {
    const story = await newStory(reporter, "On time, unchanged");
    await transitionStory(reporter, { storyId: story.storyId, action: "submit" });
    await transitionStory(editor, { storyId: story.storyId, reviewed: await currentVersion(story.storyId), action: "approve" });
    const at = new Date(Date.now() + 60_000);
    await transitionStory(editor, { storyId: story.storyId, action: "schedule", publishAt: at, now: new Date(at.getTime() - 30_000), reviewed: await currentVersion(story.storyId) });
    await publishDueStories(new Date(at.getTime() + 1000));
    const after = await statusOf(story.storyId);
    const [live] = await handle.db.select().from(schema.storyRevisions).where(eq(schema.storyRevisions.id, after.liveRevisionId!));
    expect(live!.storyVersion).toBe(after.version);
    const toEditors = await handle.db.select().from(schema.notifications).where(eq(schema.notifications.userId, editor.id));
    expect(toEditors.some((n) => n.storyId === story.storyId && /not live/.test(n.message))).toBe(false);
  });
});
