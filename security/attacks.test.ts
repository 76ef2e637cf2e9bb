/**
 * `npm run test:security`, part two: the attacks the role matrix does not cover, against the real
 * production build on a throw-away embedded database. Cross-origin posts, mass assignment, one
 * reporter reaching for another's work, oversized bodies, hostile text in every field a person
 * types, SQL in every query parameter, copied cookies after signing out, and sign-in redirects. Every refusal must leave the database fingerprint
 * unchanged.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { HOSTILE_TEXT } from "@/lib/content/xss-corpus";
import { ACTION_EXPECTATIONS, type Caller } from "./expectations";
import { classifyAction, describeAnswer, uploadForm, type ActionAnswer } from "./support/forge";
import { executableMarkup } from "./support/html";
import { readActionManifest } from "./support/inventory";
import { signIn } from "@/scripts/support/http-session";
import { Newsroom, PASSWORD, storyDraft, type Person } from "./support/newsroom";
import { ACTION_SCENARIOS, sectionId } from "./support/scenarios";

const PORT = Number(process.env.SECURITY_PORT ?? 3471) + 1;
const EVIL = "http://evil.example";
let n: Newsroom;
let dataDir: string;
let reporter: Person;
let other: Person;
let editor: Person;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "dateline-security-"));
  n = await Newsroom.start(PORT, dataDir);
  reporter = n.callers.get("reporter")!;
  editor = n.callers.get("editor")!;
  other = n.otherReporter;
}, 120_000);

afterAll(async () => {
  const code = await n?.server.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
  expect(code).toBe(0);
});

function changed(before: Record<string, string>, after: Record<string, string>): string[] {
  return Object.keys({ ...before, ...after }).filter((t) => before[t] !== after[t]);
}

/** Runs `attempt` and asserts that nothing at all was written while it ran. */
async function writesNothing<T>(attempt: () => Promise<T>): Promise<T> {
  const before = await n.fingerprint();
  const result = await attempt();
  expect(changed(before, await n.fingerprint()), JSON.stringify(result, (_k, v: unknown) => (typeof v === "string" ? v.slice(0, 300) : v))).toEqual([]);
  return result;
}

function refused(answer: ActionAnswer): void {
  expect(classifyAction(answer), describeAnswer(answer)).toBe("refused");
}

async function post(path: string, person: Person, body: BodyInit, headers: Record<string, string> = {}): Promise<{ status: number; text: string }> {
  const response = await fetch(`${n.origin}${path}`, { method: "POST", headers: { cookie: person.cookie, origin: n.origin, ...headers }, body, redirect: "manual" });
  return { status: response.status, text: await response.text() };
}

const CREATE = "app/(desk)/desk/stories/new/actions.ts#createNewStoryAction";
const TRANSITION = "app/(desk)/desk/stories/[id]/workflow-actions.ts#transitionStoryAction";
const COMMENT = "app/(desk)/desk/stories/[id]/workflow-actions.ts#addCommentAction";
const PROPOSE = "app/(desk)/desk/stories/[id]/workflow-actions.ts#proposeUpdateAction";
const RESTORE = "app/(desk)/desk/stories/[id]/history/actions.ts#restoreRevisionAction";
const INVITE = "app/(desk)/desk/people/actions.ts#createInviteAction";
const JOIN = "app/(auth)/invite/[token]/actions.ts#joinNewsroomAction";
const CHANGE_ROLE = "app/(desk)/desk/people/[id]/actions.ts#changeRoleAction";
const SECTION = "app/(desk)/desk/sections/actions.ts#createSectionAction";

describe("cross-origin requests (a page on another site posting with the victim's cookie)", () => {
  // Each action with the caller and payload that the role matrix shows succeeding; only the
  // Origin differs. Rows nobody may call are sent as the admin.
  const cases = readActionManifest().map((a) => a.key);
  it.each(cases)("server action %s from another origin is refused and writes nothing", async (key) => {
    const caller: Caller = (["admin", "editor", "reporter"] as const).find((c) => ACTION_EXPECTATIONS[key]!.allowed[c]) ?? "admin";
    const person = n.callers.get(caller)!;
    const call = await ACTION_SCENARIOS[key]!(n, caller, person);
    for (const origin of [EVIL, "null"]) {
      const answer = await writesNothing(() => n.call(key, call.body, person.cookie, { params: call.params, origin }));
      expect(answer.status, `${origin}: ${describeAnswer(answer)}`).toBeGreaterThanOrEqual(400);
    }
    // The same request from the newsroom's own origin goes through for an allowed caller, so the
    // refusal above was the origin check and nothing else.
    if (ACTION_EXPECTATIONS[key]!.allowed[caller]) {
      const answer = await n.call(key, call.body, person.cookie, { params: call.params });
      expect(classifyAction(answer), describeAnswer(answer)).toBe("allowed");
      if (call.endsSession) await n.renew(caller);
    }
  });

  it("the upload and draft-save routes refuse another origin (and a cross-site fetch) with 403 and write nothing", async () => {
    const storyId = await n.draftByHarness();
    const { version } = await n.story(storyId);
    const save = () => JSON.stringify({ baseVersion: version, kind: "manual", draft: storyDraft({ headline: "Cross-site overwrite" }) });
    for (const headers of [{ origin: EVIL }, { origin: "null" }, { "sec-fetch-site": "cross-site" }] as Array<Record<string, string>>) {
      await writesNothing(async () => {
        expect((await post("/api/media", editor, uploadForm(), headers)).status).toBe(403);
        expect((await post(`/api/stories/${storyId}/draft`, editor, save(), { "content-type": "application/json", ...headers })).status).toBe(403);
      });
    }
    // The same saves from the newsroom itself work: the refusals were the origin check.
    expect((await post(`/api/stories/${storyId}/draft`, editor, save(), { "content-type": "application/json" })).status).toBe(200);
  });
});

describe("mass assignment: keys a client does not own are refused, never applied", () => {
  const OWNED_ELSEWHERE = { status: "published", authorId: randomUUID(), role: "admin", version: 99, id: randomUUID(), createdAt: "2001-01-01T00:00:00Z" };

  it("the JSON draft API refuses status/authorId/version/id/createdAt, at the top level and inside the draft", async () => {
    const storyId = await n.storyBy(reporter);
    const { version } = await n.story(storyId);
    for (const [name, value] of Object.entries(OWNED_ELSEWHERE)) {
      const top = { storyId, baseVersion: version, kind: "manual", draft: storyDraft({ headline: "Mass assigned" }), [name]: value };
      const inner = { storyId, baseVersion: version, kind: "manual", draft: storyDraft({ headline: "Mass assigned", [name]: value }) };
      await writesNothing(async () => {
        const { storyId: _omit, ...apiTop } = top;
        void _omit;
        expect((await post(`/api/stories/${storyId}/draft`, reporter, JSON.stringify(apiTop), { "content-type": "application/json" })).status).toBe(422);
        expect((await post(`/api/stories/${storyId}/draft`, reporter, JSON.stringify({ ...apiTop, draft: inner.draft, [name]: undefined }), { "content-type": "application/json" })).status).toBe(422);
      });
    }
    const story = await n.story(storyId);
    expect(story.status).toBe("draft");
    expect(story.authorId).toBe(reporter.id);
    expect(story.version).toBe(version);
    // The URL names the story; a storyId in the JSON body cannot redirect the save to another one.
    const victim = await n.draftByHarness();
    const victimHeadline = (await n.story(victim)).headline;
    const body = JSON.stringify({ baseVersion: version, kind: "manual", draft: storyDraft({ headline: "Aimed elsewhere" }), storyId: victim });
    expect((await post(`/api/stories/${storyId}/draft`, reporter, body, { "content-type": "application/json" })).status).toBe(200);
    expect((await n.story(victim)).headline).toBe(victimHeadline);
    expect((await n.story(storyId)).headline).toBe("Aimed elsewhere");
  });

  it("\"New story\" refuses a form that names the story's status, author, id or version, or carries a draft", async () => {
    for (const [name, value] of Object.entries({ ...OWNED_ELSEWHERE, headline: "Born published", draft: "{}" })) {
      await writesNothing(async () => {
        refused(await n.call(CREATE, { kind: "form", fields: { intent: "new-story", [name]: String(value) } }, reporter.cookie));
      });
    }
    // Without the extra field it makes the story: the refusals were the extra fields.
    const storyId = await n.newStory(reporter);
    expect((await n.story(storyId)).authorId).toBe(reporter.id);
  });

  it("people, sections, comments and workflow forms refuse extra fields", async () => {
    const storyId = await n.storyBy(reporter);
    const forms: Array<[string, Person, Record<string, string>, Record<string, string> | undefined]> = [
      [INVITE, n.harness, { name: "Extra Fields", email: "extra-fields@forged.test", role: "reporter", active: "false", sessionEpoch: "7", id: randomUUID() }, undefined],
      [CHANGE_ROLE, n.harness, { userId: other.id, role: "reporter", email: "taken-over@evil.test", active: "false" }, { id: other.id }],
      [SECTION, editor, { name: "Extra Section", parentId: "", id: randomUUID(), path: "admin", position: "-1" }, undefined],
      [COMMENT, reporter, { storyId, body: "Signed by someone else", authorId: other.id }, { id: storyId }],
      [TRANSITION, reporter, { storyId, action: "submit", status: "published" }, { id: storyId }],
    ];
    for (const [key, person, fields, params] of forms) {
      await writesNothing(async () => refused(await n.call(key, { kind: "form", fields }, person.cookie, { params })));
    }
  });

  it("joining with an invite refuses a role of the joiner's choosing, and the invite still works without it", async () => {
    const name = n.unique("Joiner");
    const answer = await n.must(INVITE, { kind: "form", fields: { name, email: `${name.toLowerCase().replace(/\W+/g, "-")}@forged.test`, role: "reporter" } }, n.harness.cookie);
    const token = (answer.result as { inviteUrl: string }).inviteUrl.split("/invite/")[1]!;
    for (const extra of [{ role: "admin" }, { role: "editor" }, { active: "true", id: randomUUID() }] as Array<Record<string, string>>) {
      await writesNothing(async () => refused(await n.call(JOIN, { kind: "form", fields: { token, name, password: "joiner-password-123", ...extra } }, "", { params: { token } })));
    }
    const joined = await n.call(JOIN, { kind: "form", fields: { token, name, password: "joiner-password-123" } }, "", { params: { token } });
    expect(classifyAction(joined), describeAnswer(joined)).toBe("allowed");
    const cookie = joined.setCookies.map((c) => c.split(";")[0]).join("; ");
    // Still a reporter: the people page is an admin's, and answers 404.
    expect((await n.get("/desk/people", cookie)).status).toBe(404);
  });

  it("an upload ignores an id or uploader sent with it", async () => {
    const id = randomUUID();
    const { status, text } = await post("/api/media", reporter, uploadForm({ id, uploadedBy: n.harness.id, alt: "ok" }));
    expect(status).toBe(201);
    expect((JSON.parse(text) as { id: string }).id).not.toBe(id);
  });
});

describe("one reporter reaching for another's work (IDOR)", () => {
  it("cannot read, save, comment on, submit, or heartbeat another reporter's draft, nor learn it exists", async () => {
    const headline = n.unique("Embargoed scoop");
    const storyId = await n.storyBy(reporter, { headline });
    const secretComment = n.unique("Source is the minister");
    await n.must(COMMENT, { kind: "form", fields: { storyId, body: secretComment } }, reporter.cookie, { id: storyId });
    const { version } = await n.story(storyId);
    const missing = randomUUID();
    await writesNothing(async () => {
      for (const id of [storyId, missing]) {
        // "Not yours" and "does not exist" look the same.
        for (const page of [`/api/stories/${id}`, `/desk/stories/${id}`, `/desk/stories/${id}/history`]) {
          const response = await n.get(page, other.cookie);
          const text = await response.text();
          expect(response.status, page).toBe(404);
          expect(text).not.toContain(headline);
          expect(text).not.toContain(secretComment);
        }
      }
      // 404 like a story that does not exist: the draft API does not confirm that it does.
      expect((await post(`/api/stories/${storyId}/draft`, other, JSON.stringify({ baseVersion: version, kind: "manual", draft: storyDraft({ headline: "Hijacked" }) }), { "content-type": "application/json" })).status).toBe(404);
      refused(await n.call(COMMENT, { kind: "form", fields: { storyId, body: "Planted" } }, other.cookie, { params: { id: storyId } }));
      refused(await n.call(TRANSITION, { kind: "form", fields: { storyId, action: "submit" } }, other.cookie, { params: { id: storyId } }));
      const queue = await n.get("/api/desk/review-queue", other.cookie);
      expect(queue.status).toBe(403);
    });
  });

  it("sees another reporter's live story as readers do: no staged copy, comments, revisions or kept conflicts, and cannot join its thread", async () => {
    const liveHeadline = n.unique("Council approves budget");
    const storyId = await n.storyBy(reporter, { headline: liveHeadline, sectionId: await sectionId(n) });
    await n.transition(storyId, "publish");
    const staged = n.unique("Mayor to resign");
    expect(await n.saveDraft(reporter, storyId, { headline: staged, standfirst: "Staged standfirst", tags: ["Staged Tag"] })).toBe(200);
    const secretComment = n.unique("Hold until the mayor confirms");
    await n.must(COMMENT, { kind: "form", fields: { storyId, body: secretComment } }, reporter.cookie, { id: storyId });
    // A stale save: the losing text is kept as a "conflict" revision.
    const { version } = await n.story(storyId);
    const conflicted = n.unique("Conflict kept copy");
    const stale = await post(`/api/stories/${storyId}/draft`, reporter, JSON.stringify({ baseVersion: version - 1, kind: "manual", draft: storyDraft({ headline: conflicted }) }), { "content-type": "application/json" });
    expect(stale.status).toBe(409);
    const revisions = await n.revisionIds(storyId);
    expect(revisions.length).toBeGreaterThan(2);
    const secrets = [staged, "Staged standfirst", "Staged Tag", secretComment, conflicted];

    await writesNothing(async () => {
      const api = await n.get(`/api/stories/${storyId}`, other.cookie);
      const apiText = await api.text();
      expect(api.status).toBe(200);
      expect(JSON.parse(apiText)).toMatchObject({ headline: liveHeadline, view: "live" });
      const page = await n.get(`/desk/stories/${storyId}`, other.cookie);
      const pageText = await page.text();
      expect(page.status).toBe(200);
      expect(pageText).toContain(liveHeadline);
      for (const [path, status] of [[`/desk/stories/${storyId}/history`, 404], ...revisions.map((rev) => [`/desk/stories/${storyId}/history?rev=${rev}`, 404] as const)] as const) {
        const response = await n.get(path, other.cookie);
        const text = await response.text();
        expect(response.status, path).toBe(status);
        for (const secret of secrets) expect(text, path).not.toContain(secret);
      }
      for (const secret of secrets) {
        expect(apiText).not.toContain(secret);
        expect(pageText).not.toContain(secret);
      }
      refused(await n.call(COMMENT, { kind: "form", fields: { storyId, body: "Planted on a colleague's thread" } }, other.cookie, { params: { id: storyId } }));
    });
    // An editor reads all of it.
    const forEditor = await (await n.get(`/desk/stories/${storyId}/history?rev=${revisions[0]}`, editor.cookie)).text();
    expect(forEditor).toContain(conflicted);
    expect(await (await n.get(`/api/stories/${storyId}`, editor.cookie)).json()).toMatchObject({ headline: staged, view: "working" });
  });

  it("cannot propose an update to another reporter's live story", async () => {
    const storyId = await n.storyBy(reporter, { sectionId: await sectionId(n) });
    await n.transition(storyId, "publish");
    expect(await n.saveDraft(reporter, storyId, { standfirst: "Staged" })).toBe(200);
    await writesNothing(async () => refused(await n.call(PROPOSE, { kind: "form", fields: { storyId } }, other.cookie, { params: { id: storyId } })));
  });

  it("a revision can only be restored into its own story (an editor naming another story's revision is refused)", async () => {
    const source = await n.draftByHarness(n.unique("Source story"));
    expect(await n.saveDraft(n.harness, source, { headline: n.unique("Source v2") })).toBe(200);
    const [foreignRevision] = await n.revisionIds(source);
    const target = await n.draftByHarness(n.unique("Target story"));
    const { version } = await n.story(target);
    await writesNothing(async () => {
      refused(await n.call(RESTORE, { kind: "form", fields: { storyId: target, revisionId: foreignRevision!, baseVersion: String(version) } }, editor.cookie, { params: { id: target } }));
    });
    // A reporter may not restore at all, even on their own story.
    const own = await n.storyBy(reporter);
    expect(await n.saveDraft(reporter, own, { headline: n.unique("Own v2") })).toBe(200);
    const [ownRevision] = await n.revisionIds(own);
    const ownVersion = (await n.story(own)).version;
    await writesNothing(async () => refused(await n.call(RESTORE, { kind: "form", fields: { storyId: own, revisionId: ownRevision!, baseVersion: String(ownVersion) } }, reporter.cookie, { params: { id: own } })));
  });

  it("cannot put an image on another reporter's story, and cannot see which images another reporter uploaded", async () => {
    const storyId = await n.storyBy(reporter);
    const mine = await n.upload(other);
    const { version } = await n.story(storyId);
    await writesNothing(async () => {
      const body = JSON.stringify({ baseVersion: version, kind: "manual", draft: storyDraft({ headline: "Pictured", featuredMediaId: mine.id }) });
      expect((await post(`/api/stories/${storyId}/draft`, other, body, { "content-type": "application/json" })).status).toBe(404);
    });
    // The reporter's own featured image on their draft stays invisible to the other reporter: the
    // only reads that name media ids of a draft answer 404 to them.
    const theirs = await n.upload(reporter);
    expect(await n.saveDraft(reporter, storyId, { featuredMediaId: theirs.id })).toBe(200);
    const response = await n.get(`/api/stories/${storyId}`, other.cookie);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain(theirs.id);
  });
});

/** Sends `total` bytes in 256 KB chunks, stopping as soon as the server answers. */
function slowPost(path: string, person: Person, headers: Record<string, string>, total: number): Promise<{ status: number; sent: number; peakRssGrowth: number }> {
  const pid = n.server.child.pid!;
  const rss = () => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) * 1024;
  const baseline = rss();
  let peak = baseline;
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered: number | null = null;
    const request = http.request(`${n.origin}${path}`, { method: "POST", headers: { cookie: person.cookie, origin: n.origin, ...headers } }, (response) => {
      answered = response.statusCode ?? 0;
      response.resume();
      response.on("end", () => {
        request.destroy();
        resolve({ status: answered!, sent, peakRssGrowth: peak - baseline });
      });
    });
    request.on("error", (error) => (answered !== null ? undefined : reject(error)));
    const chunk = Buffer.alloc(256 * 1024, 0x41);
    const pump = () => {
      if (answered !== null || request.destroyed) return;
      peak = Math.max(peak, rss());
      if (sent >= total) return void request.end();
      sent += chunk.length;
      // A slow client: a chunk every few milliseconds, so a server that buffered everything would
      // have to wait for all 50 MB before it could answer.
      if (request.write(chunk)) setTimeout(pump, 2);
      else request.once("drain", () => setTimeout(pump, 2));
    };
    pump();
  });
}

describe("publishing a version the editor did not read", () => {
  // Each transition that decides what the public reads, from the state it starts in. The story is
  // saved again after the version the forged request names, as a reporter saving between the
  // editor's reading and the click.
  const TRANSITIONS: Array<{ label: string; action: string; prepare: (storyId: string) => Promise<void>; extra?: Record<string, string> }> = [
    { label: "Publish now", action: "publish", prepare: async () => {} },
    { label: "Approve", action: "approve", prepare: async (id) => n.transition(id, "submit") },
    {
      label: "Schedule",
      action: "schedule",
      prepare: async (id) => {
        await n.transition(id, "submit");
        await n.transition(id, "approve");
      },
      extra: { publishAt: "2099-01-01T09:00" },
    },
    { label: "Publish update", action: "publish_update", prepare: async (id) => n.transition(id, "publish") },
    { label: "Publish update as a correction", action: "publish_update", prepare: async (id) => n.transition(id, "publish"), extra: { correction: "on", correctionNote: "An earlier version was wrong." } },
    {
      label: "Republish",
      action: "republish",
      prepare: async (id) => {
        await n.transition(id, "publish");
        await n.transition(id, "unpublish", { note: "Legal review" });
      },
    },
  ];

  it.each(TRANSITIONS)("$label: an older, a made-up or no version is refused and writes nothing; the current one goes through", async ({ action, prepare, extra }) => {
    const storyId = await n.draftByHarness();
    await prepare(storyId);
    const read = (await n.story(storyId)).version;
    expect(await n.saveDraft(n.harness, storyId, { standfirst: "The mayor is a criminal." })).toBe(200);
    const current = (await n.story(storyId)).version;
    expect(current).toBeGreaterThan(read);

    const attempts: Array<Record<string, string>> = [{ reviewedVersion: `v${read}` }, { reviewedVersion: `v${current + 1}` }, {}, { reviewedVersion: "latest" }, { reviewedVersion: String(current) }];
    for (const reviewed of attempts) {
      const answer = await writesNothing(() => n.call(TRANSITION, { kind: "form", fields: { storyId, action, ...extra, ...reviewed } }, editor.cookie, { params: { id: storyId } }));
      refused(answer);
      const result = answer.result as { message?: string; changes?: { fields: Array<{ label: string }> } };
      expect(result.message, describeAnswer(answer)).toMatch(/^[A-Z]/);
      // Only the stale version is answered with what changed since: the sentence the editor never read.
      if (reviewed.reviewedVersion === `v${read}`) expect(JSON.stringify(result.changes), describeAnswer(answer)).toContain("The mayor is a criminal");
      else expect(result.changes, describeAnswer(answer)).toBeUndefined();
    }
    const answer = await n.call(TRANSITION, { kind: "form", fields: { storyId, action, ...extra, reviewedVersion: `v${current}` } }, editor.cookie, { params: { id: storyId } });
    expect(classifyAction(answer), describeAnswer(answer)).toBe("allowed");
  });

  it("a reporter replaying an editor's request with the right version is refused for the role and learns nothing of the changes", async () => {
    const storyId = await n.storyBy(reporter, { sectionId: await sectionId(n) });
    await n.transition(storyId, "submit");
    const { version } = await n.story(storyId);
    const answer = await writesNothing(() => n.call(TRANSITION, { kind: "form", fields: { storyId, action: "approve", reviewedVersion: `v${version}` } }, reporter.cookie, { params: { id: storyId } }));
    refused(answer);
    expect((answer.result as { changes?: unknown }).changes).toBeUndefined();
  });
});

describe("bodies over the limit are answered with 413 before they are read", () => {
  const FIFTY_MB = 50 * 1024 * 1024;

  it("the upload and draft-save routes answer a declared 50 MB body with 413 at once", async () => {
    const storyId = await n.storyBy(reporter);
    for (const [path, type] of [["/api/media", "multipart/form-data; boundary=x"], [`/api/stories/${storyId}/draft`, "application/json"]] as const) {
      const result = await writesNothing(() => slowPost(path, reporter, { "content-type": type, "content-length": String(FIFTY_MB) }, FIFTY_MB));
      expect(result.status, path).toBe(413);
      expect(result.sent, path).toBeLessThan(8 * 1024 * 1024);
      expect(result.peakRssGrowth, path).toBeLessThan(20 * 1024 * 1024);
    }
  });

  it("a 50 MB body without a length (chunked) is cut off at the limit, not buffered whole", async () => {
    const storyId = await n.storyBy(reporter);
    const cases = [
      // 3 MB limit for a save.
      [`/api/stories/${storyId}/draft`, "application/json", 10 * 1024 * 1024],
      // 21 MB limit for an upload: at most that much is held before the refusal.
      ["/api/media", "multipart/form-data; boundary=x", 30 * 1024 * 1024],
    ] as const;
    for (const [path, type, maxSent] of cases) {
      const result = await writesNothing(() => slowPost(path, reporter, { "content-type": type, "transfer-encoding": "chunked" }, FIFTY_MB));
      expect(result.status, path).toBe(413);
      expect(result.sent, path).toBeLessThan(maxSent);
      expect(result.peakRssGrowth, path).toBeLessThan(40 * 1024 * 1024);
    }
  });

  it("a server action with a 50 MB body (declared or chunked) is refused before the body is read", async () => {
    const storyId = await n.storyBy(reporter);
    const ref = n.action(TRANSITION);
    const headers = { "content-type": "text/plain;charset=UTF-8", "next-action": ref.id, accept: "text/x-component" };
    for (const [framing, status] of [[{ "content-length": String(FIFTY_MB) }, 413], [{ "transfer-encoding": "chunked" }, 411]] as const) {
      const result = await writesNothing(() => slowPost(`/desk/stories/${storyId}`, reporter, { ...headers, ...framing }, FIFTY_MB));
      expect(result.status).toBe(status);
      expect(result.sent).toBeLessThan(8 * 1024 * 1024);
      expect(result.peakRssGrowth).toBeLessThan(20 * 1024 * 1024);
    }
  });
});

describe("hostile text in every field comes back escaped on the desk and the public site", () => {
  it.each(HOSTILE_TEXT.map((text, i) => [JSON.stringify(text), i]))("%s", async (_label, index) => {
    const hostile = HOSTILE_TEXT[index as number]!;
    const marker = 40_000 + (index as number) * 100;
    let next = 0;
    // Each field gets its own marker, so a field the pages never show cannot pass unnoticed.
    const markers: Record<string, string> = {};
    const value = (field: string, limit = 120) => {
      const m = `m${marker + next++}z`;
      markers[field] = m;
      return `${hostile.replaceAll("alert(1)", `alert(${marker})`)} ${m}`.slice(-limit);
    };

    // A section and a person with hostile names, created through the desk's own actions.
    const sectionName = value("section name", 80);
    const section = await n.call(SECTION, { kind: "form", fields: { name: sectionName, parentId: "" } }, editor.cookie);
    const personName = value("person name");
    const person = await n.call(INVITE, { kind: "form", fields: { name: personName, email: `xss-${marker}@forged.test`, role: "reporter" } }, n.harness.cookie);
    expect(section.status, `section: ${describeAnswer(section)}`).toBeLessThan(500);
    expect(person.status, `invite: ${describeAnswer(person)}`).toBeLessThan(500);

    // The upload's own caption and credit are defaults the editor copies into the story's featured
    // caption and credit (tested below); pages show the story's, so only the alt text is checked here.
    const media = await n.upload(n.harness, { alt: value("image alt") });
    const draft = storyDraft({
      headline: value("headline", 300),
      standfirst: value("standfirst"),
      sourceLine: value("source line"),
      tags: [value("tag", 60)],
      bylines: [{ userId: null, name: value("byline") }],
      featuredMediaId: media.id,
      featuredCaption: value("featured caption"),
      featuredCredit: value("featured credit"),
      seoTitle: value("SEO title"),
      seoDescription: value("SEO description"),
      sectionId: await sectionId(n),
    });
    const storyId = await n.newStory(editor);
    const saved = await n.saveDraft(editor, storyId, draft);
    if (saved !== 200) {
      // Refusing the text outright is as safe as escaping it; it must be a clear validation answer.
      expect(saved).toBe(422);
      return;
    }
    await n.must(COMMENT, { kind: "form", fields: { storyId, body: value("comment", 20_000) } }, editor.cookie, { id: storyId });
    await n.transition(storyId, "publish");
    const live = (await n.story(storyId)) as { live?: { path: string } | null };
    expect(live.live?.path).toBeTruthy();

    const pages: Array<[string, string]> = [
      [`/desk/stories/${storyId}`, n.harness.cookie],
      [`/desk/stories/${storyId}/history`, n.harness.cookie],
      ["/desk", n.harness.cookie],
      ["/desk/people", n.harness.cookie],
      ["/desk/sections", n.harness.cookie],
      [live.live!.path, ""],
      ["/", ""],
      [`/search?q=${encodeURIComponent(markers.headline!)}`, ""],
    ];
    const tagLink = /href="(\/tags\/[^"]+)"/.exec(await (await n.get(live.live!.path)).text())?.[1];
    if (tagLink) pages.push([tagLink, ""]);
    const seen = new Set<string>();
    for (const [page, cookie] of pages) {
      const response = await n.get(page, cookie, { "x-dateline-front-cache": "bypass" });
      const html = await response.text();
      expect(response.status, page).toBe(200);
      expect(executableMarkup(html), page).toEqual([]);
      for (const [field, m] of Object.entries(markers)) if (html.includes(m)) seen.add(field);
    }
    // Every field that was stored is on one of the pages checked, so none went unexamined.
    const stored = Object.keys(markers).filter((f) => (f === "section name" ? classifyAction(section) === "allowed" : f === "person name" ? classifyAction(person) === "allowed" : true));
    expect([...seen].sort()).toEqual(stored.sort());
  });
});

describe("SQL in sort, filter, search and paging parameters", () => {
  const PAYLOADS = ["' OR 1=1 --", "published';drop table stories;--", "id desc; delete from stories", "1) union select password_hash from users --", "%27%20OR%201=1", "\\'; select pg_sleep(5); --"];
  const SQL_ERROR = /syntax error|PostgresError|invalid input syntax|unterminated|relation "|column "|pglite|drizzle|Failed query|\bat \S+ \(/i;

  it("desk lists, audit log, review queue, public search, section/tag/author paging and feeds answer 200/400/404, never 500 or an SQL error, and write nothing", async () => {
    const storyId = await n.draftByHarness();
    const get = (page: string, cookie: string) => n.get(page, cookie, { "x-dateline-front-cache": "bypass" });
    await writesNothing(async () => {
      for (const p of PAYLOADS) {
        const q = encodeURIComponent(p);
        const requests: Array<[string, string]> = [
          ...["status", "section", "author", "q", "mine", "sort", "order", "page"].map((k): [string, string] => [`/desk?${k}=${q}`, editor.cookie]),
          ...["action", "person", "ip", "from", "to", "before", "sort"].map((k): [string, string] => [`/desk/audit?${k}=${q}`, n.harness.cookie]),
          ...["sort", "status", "order", "limit"].map((k): [string, string] => [`/api/desk/review-queue?${k}=${q}`, editor.cookie]),
          [`/desk/stories/${storyId}/history?rev=${q}&compare=${q}`, n.harness.cookie],
          [`/desk/review?sort=${q}`, editor.cookie],
          [`/desk/schedule?sort=${q}`, editor.cookie],
          [`/search?q=${q}`, ""],
          [`/search?q=x&page=${q}`, ""],
          [`/media-center/page/${q}`, ""],
          [`/media-center?page=${q}`, ""],
          [`/tags/${q}`, ""],
          [`/tags/x?page=${q}`, ""],
          [`/authors/${q}?page=${q}`, ""],
          [`/feed.xml?section=${q}`, ""],
          [`/sitemaps/stories-${q}.xml`, ""],
          [`/api/stories/${q}`, editor.cookie],
        ];
        for (const [page, cookie] of requests) {
          const response = await get(page, cookie);
          const text = await response.text();
          expect([200, 400, 404], `${page}: ${response.status}`).toContain(response.status);
          expect(text, page).not.toMatch(SQL_ERROR);
        }
      }
    });
  });
});

describe("signing out ends the session on the server, signing in stays on this site", () => {
  const SIGN_OUT = "lib/auth/actions.ts#signOutAction";

  /** What /desk answers to a cookie: "desk" when it opens, otherwise where it sends the caller. */
  async function deskWith(cookie: string): Promise<string> {
    const response = await n.get("/desk", cookie);
    await response.arrayBuffer();
    return response.status === 200 ? "desk" : `${response.status} ${response.headers.get("location") ?? ""}`;
  }

  it("a cookie copied before 'Sign out' no longer opens the desk; the person's other session stays signed in", async () => {
    const person = await n.invite("reporter", n.unique("Sam Signout"));
    const copied = person.cookie;
    const otherBrowser = (await signIn(n.origin, person.email, PASSWORD)).cookieHeader();
    expect(await deskWith(copied)).toBe("desk");
    const answer = await n.call(SIGN_OUT, { kind: "json", args: [] }, person.cookie);
    expect(classifyAction(answer), describeAnswer(answer)).toBe("allowed");
    expect(await deskWith(copied)).toMatch(/^30\d .*\/login/);
    expect((await n.get("/api/auth/session", copied).then((r) => r.json())) as unknown).toEqual({});
    expect(await deskWith(otherBrowser)).toBe("desk");
  });

  it("next-auth's own sign-out (POST /api/auth/signout) ends the session on the server too", async () => {
    const person = await n.invite("editor", n.unique("Nora Nextauth"));
    const session = await signIn(n.origin, person.email, PASSWORD);
    const copied = session.cookieHeader();
    const { csrfToken } = (await (await session.get("/api/auth/csrf")).json()) as { csrfToken: string };
    const response = await fetch(`${n.origin}/api/auth/signout`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: copied, origin: n.origin },
      body: new URLSearchParams({ csrfToken, json: "true" }),
    });
    expect(response.status).toBeLessThan(400);
    expect(await deskWith(copied)).toMatch(/^30\d .*\/login/);
    expect(await deskWith(person.cookie)).toBe("desk");
  });

  const HOSTILE_CALLBACKS = [
    "/.//127.0.0.1:3105/phish",
    "/x/..//evil.example/phish",
    "/%2e//evil.example",
    "/./\\evil.example",
    "//evil.example",
    "https://evil.example/desk",
  ];
  it.each(HOSTILE_CALLBACKS)("the credentials sign-in with callbackUrl %j answers with a redirect on this site", async (callbackUrl) => {
    const jar = new Map<string, string>();
    const remember = (r: Response) => {
      for (const line of r.headers.getSetCookie()) {
        const [pair] = line.split(";");
        jar.set(pair!.slice(0, pair!.indexOf("=")), pair!.slice(pair!.indexOf("=") + 1));
      }
    };
    const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
    const csrf = await fetch(`${n.origin}/api/auth/csrf`);
    remember(csrf);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const response = await fetch(`${n.origin}/api/auth/callback/credentials`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookie(), origin: n.origin },
      body: new URLSearchParams({ csrfToken, email: reporter.email, password: PASSWORD, callbackUrl }),
    });
    remember(response);
    await response.arrayBuffer();
    expect(response.status).toBe(302);
    const location = response.headers.get("location")!;
    expect(new URL(location, n.origin).origin, location).toBe(n.origin);
    expect(new URL(location, n.origin).pathname).toBe("/desk");
    // Signed in for real (so the redirect above is the one a browser would follow after signing in).
    expect([...jar.keys()].some((k) => k.endsWith("dateline.session"))).toBe(true);
  });
});
