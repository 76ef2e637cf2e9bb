/**
 * A newsroom on a real production server, set up entirely over HTTP: the first-run setup action,
 * invites accepted through the join action, sign-in through next-auth. Nothing is written to the
 * database behind the server's back (it holds the embedded database's lock anyway).
 */
import { randomBytes } from "node:crypto";
import { startAppServer, type AppServer } from "@/scripts/support/app-server";
import { signIn } from "@/scripts/support/http-session";
import { draftOf } from "@/lib/testing/fixtures";
import { reviewsVersion, type StoryAction } from "@/lib/stories/workflow";
import type { Caller } from "../expectations";
import { classifyAction, describeAnswer, postAction, uploadForm, type ActionAnswer, type ActionBody } from "./forge";
import { pagePath, readActionManifest, type ActionRef } from "./inventory";

export const PASSWORD = "forged-requests-password-1";
export const SECTION_PATH = "media-center";

export type Person = { name: string; email: string; cookie: string; id: string };

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

export class Newsroom {
  readonly actions: Map<string, ActionRef>;
  /** The admin who sets up and inspects; never one of the callers under test. */
  harness!: Person;
  readonly callers = new Map<Caller, Person>();
  /** A second reporter, the owner of the work other reporters must not touch. */
  otherReporter!: Person;
  private serial = 0;

  private constructor(readonly server: AppServer) {
    this.actions = new Map(readActionManifest().map((a) => [a.key, a]));
  }

  get origin(): string {
    return this.server.origin;
  }

  static async start(port: number, dataDir: string): Promise<Newsroom> {
    const server = await startAppServer(port, { DATELINE_DATA_DIR: dataDir, DATELINE_E2E_HOOKS: "1", DATELINE_SCHEDULER: "off" });
    const newsroom = new Newsroom(server);
    try {
      await newsroom.setUp();
    } catch (error) {
      await server.stop();
      throw error;
    }
    return newsroom;
  }

  unique(prefix: string): string {
    return `${prefix} ${++this.serial}-${randomBytes(3).toString("hex")}`;
  }

  action(key: string): ActionRef {
    const ref = this.actions.get(key);
    if (!ref) throw new Error(`the build has no server action ${key}`);
    return ref;
  }

  /** Calls a server action as a forged client would, POSTing to a page that holds it. */
  async call(key: string, body: ActionBody, cookie: string, options: { params?: Record<string, string>; origin?: string | null; headers?: Record<string, string> } = {}): Promise<ActionAnswer> {
    const ref = this.action(key);
    return postAction(this.origin, pagePath(ref.workers[0]!, options.params), ref.id, body, { cookie, origin: options.origin, headers: options.headers });
  }

  /** Like call(), but the setup step must succeed. */
  async must(key: string, body: ActionBody, cookie: string, params?: Record<string, string>): Promise<ActionAnswer> {
    const answer = await this.call(key, body, cookie, { params });
    if (classifyAction(answer) !== "allowed") throw new Error(`${key} failed during setup: ${describeAnswer(answer)}`);
    return answer;
  }

  async get(path: string, cookie = "", headers: Record<string, string> = {}): Promise<Response> {
    return fetch(`${this.origin}${path}`, { headers: { cookie, ...headers }, redirect: "manual" });
  }

  async fingerprint(): Promise<Record<string, string>> {
    const response = await this.get("/api/test-hooks/fingerprint", this.harness.cookie);
    if (response.status !== 200) throw new Error(`fingerprint hook answered ${response.status}`);
    return (await response.json()) as Record<string, string>;
  }

  async hook(name: string, body: unknown): Promise<{ storyId: string; path: string }> {
    const response = await fetch(`${this.origin}/api/test-hooks/${name}`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: this.harness.cookie, origin: this.origin },
      body: JSON.stringify(body),
    });
    if (response.status !== 200) throw new Error(`hook ${name} answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as { storyId: string; path: string };
  }

  /** A draft written by the harness admin: someone else's work for every caller. */
  async draftByHarness(headline = this.unique("Harness draft")): Promise<string> {
    return (await this.hook("draft", { headline, sectionPath: SECTION_PATH })).storyId;
  }

  /** An empty story made by `person` through the desk's own "New story" action. */
  async newStory(person: Person): Promise<string> {
    const answer = await this.must("app/(desk)/desk/stories/new/actions.ts#createNewStoryAction", { kind: "form", fields: { intent: "new-story" } }, person.cookie);
    const storyId = /^\/desk\/stories\/([0-9a-f-]{36})(;|$)/.exec(answer.redirect ?? "")?.[1];
    if (!storyId) throw new Error(`"New story" did not open a story: ${describeAnswer(answer)}`);
    return storyId;
  }

  /** A story written by `person`: "New story", then its text saved through the JSON draft API. */
  async storyBy(person: Person, draft: Record<string, unknown> = {}): Promise<string> {
    const storyId = await this.newStory(person);
    const status = await this.saveDraft(person, storyId, { headline: this.unique("Story"), ...draft });
    if (status !== 200) throw new Error(`saving the new story ${storyId} answered ${status}`);
    return storyId;
  }

  /** A transition by the harness admin; Approve and publishing name the version as it is now, as the desk does. */
  async transition(storyId: string, action: string, extra: Record<string, string> = {}): Promise<void> {
    const reviewed: Record<string, string> = reviewsVersion(action as StoryAction) ? { reviewedVersion: `v${(await this.story(storyId)).version}` } : {};
    await this.must("app/(desk)/desk/stories/[id]/workflow-actions.ts#transitionStoryAction", { kind: "form", fields: { storyId, action, ...reviewed, ...extra } }, this.harness.cookie, { id: storyId });
  }

  /** The working copy as the harness admin reads it through the JSON API. */
  async story(storyId: string): Promise<Record<string, unknown> & { version: number; status: string; headline: string; authorId: string }> {
    const response = await this.get(`/api/stories/${storyId}`, this.harness.cookie);
    if (response.status !== 200) throw new Error(`GET /api/stories/${storyId} answered ${response.status}`);
    return (await response.json()) as Record<string, unknown> & { version: number; status: string; headline: string; authorId: string };
  }

  /** Saves through the JSON draft API as `person`; returns the HTTP status. */
  async saveDraft(person: Person, storyId: string, draft: Record<string, unknown>): Promise<number> {
    const story = await this.story(storyId);
    const response = await fetch(`${this.origin}/api/stories/${storyId}/draft`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: person.cookie, origin: this.origin },
      body: JSON.stringify({ baseVersion: story.version, kind: "manual", draft: storyDraft({ headline: story.headline, sectionId: story.sectionId, ...draft }) }),
    });
    await response.arrayBuffer();
    return response.status;
  }

  /** Uploads a tiny image as `person` through POST /api/media. */
  async upload(person: Person, fields: Record<string, string> = {}): Promise<{ id: string; url: string }> {
    const response = await fetch(`${this.origin}/api/media`, { method: "POST", headers: { cookie: person.cookie, origin: this.origin }, body: uploadForm(fields) });
    if (response.status !== 201) throw new Error(`upload answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as { id: string; url: string };
  }

  private media: string | undefined;
  async mediaPath(): Promise<string> {
    this.media ??= (await this.upload(this.harness)).url;
    return this.media;
  }

  /** Revision ids of a story, newest first, from its history page. */
  async revisionIds(storyId: string): Promise<string[]> {
    const html = await (await this.get(`/desk/stories/${storyId}/history`, this.harness.cookie)).text();
    return [...new Set([...html.matchAll(new RegExp(`[?&](?:amp;)?rev=(${UUID})`, "g"))].map((m) => m[1]!))];
  }

  /** Invites someone and accepts the invite anonymously through the join action. */
  async invite(role: "reporter" | "editor" | "admin", name = this.unique(`Person ${role}`)): Promise<Person> {
    const email = `${name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}@forged.test`;
    const answer = await this.must("app/(desk)/desk/people/actions.ts#createInviteAction", { kind: "form", fields: { name, email, role } }, this.harness.cookie);
    const url = (answer.result as { inviteUrl: string }).inviteUrl;
    const token = url.split("/invite/")[1]!;
    await this.must("app/(auth)/invite/[token]/actions.ts#joinNewsroomAction", { kind: "form", fields: { token, name, password: PASSWORD } }, "", { token });
    const session = await signIn(this.origin, email, PASSWORD);
    return { name, email, cookie: session.cookieHeader(), id: await this.userId(name) };
  }

  async userId(name: string): Promise<string> {
    const html = await (await this.get("/desk/people", this.harness.cookie)).text();
    const escaped = name.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
    for (const m of html.matchAll(new RegExp(`href="/desk/people/(${UUID})"[^>]*>([^<]*)<`, "g"))) if (m[2] === escaped) return m[1]!;
    throw new Error(`no one called ${name} on /desk/people`);
  }

  /** Invite ids still open, from the people page's revoke buttons. */
  async openInviteIds(): Promise<string[]> {
    const html = await (await this.get("/desk/people", this.harness.cookie)).text();
    return [...html.matchAll(new RegExp(`name="inviteId" value="(${UUID})"`, "g"))].map((m) => m[1]!);
  }

  /** A fresh session for a caller whose sessions an allowed call just ended. */
  async renew(caller: Caller): Promise<void> {
    const person = this.callers.get(caller)!;
    if (caller === "anonymous" || caller === "deactivated") return;
    person.cookie = (await signIn(this.origin, person.email, PASSWORD)).cookieHeader();
  }

  private async setUp(): Promise<void> {
    const email = "harness@forged.test";
    await this.must(
      "app/(auth)/setup/actions.ts#createNewsroomAction",
      { kind: "form", fields: { newsroomName: "Forged Requests Gazette", name: "Harness Admin", email, password: PASSWORD, timeZone: "UTC", defaultLanguage: "en", sampleContent: "on" } },
      "",
    );
    const harness = await signIn(this.origin, email, PASSWORD);
    this.harness = { name: "Harness Admin", email, cookie: harness.cookieHeader(), id: "" };
    this.harness.id = await this.userId("Harness Admin");
    // Anonymous carries a made-up session cookie: an attacker can always send one, and it gets the
    // request past proxy.ts's "no cookie at all" redirect, so the action's own guard is what answers.
    this.callers.set("anonymous", { name: "anonymous", email: "", cookie: `dateline.session=forged.${randomBytes(24).toString("base64url")}`, id: "" });
    this.callers.set("reporter", await this.invite("reporter", "Rita Reporter"));
    this.callers.set("editor", await this.invite("editor", "Eddie Editor"));
    this.callers.set("admin", await this.invite("admin", "Ada Admin"));
    this.otherReporter = await this.invite("reporter", "Otto Otherreporter");
    // A session captured while the account was active, then the account deactivated.
    const deactivated = await this.invite("reporter", "Dee Deactivated");
    await this.must("app/(desk)/desk/people/[id]/actions.ts#setAccessAction", { kind: "form", fields: { userId: deactivated.id, access: "deactivate" } }, this.harness.cookie, { id: deactivated.id });
    this.callers.set("deactivated", deactivated);
  }
}

/** A complete draft as the editor sends it, with overrides. */
export function storyDraft(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...draftOf({ headline: "Forged request story" }), ...overrides };
}
