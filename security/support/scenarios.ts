/**
 * For every row of the expectations table: the request each caller sends. `prepare` runs (as the
 * harness admin) before the database fingerprint is taken, so a refused call must leave the
 * fingerprint exactly as it was. Each scenario builds its own target, so an allowed call by one
 * caller never changes what the next caller is tested against.
 */
import { randomBytes } from "node:crypto";
import type { Caller } from "../expectations";
import { uploadForm, type ActionBody } from "./forge";
import { SECTION_PATH, storyDraft, type Newsroom, type Person } from "./newsroom";

export type ActionCall = { body: ActionBody; params?: Record<string, string>; endsSession?: boolean };
export type ActionScenario = (n: Newsroom, caller: Caller, person: Person) => Promise<ActionCall>;

export type RouteCall = { path: string; method: string; headers?: Record<string, string>; body?: BodyInit };
export type RouteScenario = (n: Newsroom, caller: Caller, person: Person) => Promise<RouteCall>;

const madeUpToken = () => randomBytes(32).toString("base64url");

export const ACTION_SCENARIOS: Readonly<Record<string, ActionScenario>> = {
  "app/(auth)/invite/[token]/actions.ts#joinNewsroomAction": async (n) => {
    const token = madeUpToken();
    return { params: { token }, body: { kind: "form", fields: { token, name: n.unique("Joiner"), password: "joiner-password-123" } } };
  },
  "app/(auth)/reset/[token]/actions.ts#resetPasswordAction": async () => {
    const token = madeUpToken();
    return { params: { token }, body: { kind: "form", fields: { token, password: "new-password-12345" } } };
  },
  "app/(auth)/setup/actions.ts#createNewsroomAction": async (n) => ({
    body: { kind: "form", fields: { newsroomName: "Hijacked", name: "Mallory", email: `${n.unique("mallory").replace(/\W+/g, "-")}@evil.test`, password: "mallory-password-1", timeZone: "UTC", defaultLanguage: "en" } },
  }),
  "lib/auth/actions.ts#signOutAction": async () => ({ body: { kind: "json", args: [] }, endsSession: true }),
  "app/(desk)/desk/account/actions.ts#signOutEverywhereAction": async () => ({ body: { kind: "form", fields: {} }, endsSession: true }),
  "app/(desk)/desk/notifications/actions.ts#markAllNotificationsReadAction": async () => ({ body: { kind: "json", args: [] } }),
  "app/(desk)/desk/people/actions.ts#createInviteAction": async (n) => {
    const name = n.unique("Invitee");
    return { body: { kind: "form", fields: { name, email: `${name.toLowerCase().replace(/\W+/g, "-")}@forged.test`, role: "admin" } } };
  },
  "app/(desk)/desk/people/actions.ts#revokeInviteAction": async (n) => {
    const name = n.unique("Pending");
    await n.must("app/(desk)/desk/people/actions.ts#createInviteAction", { kind: "form", fields: { name, email: `${name.toLowerCase().replace(/\W+/g, "-")}@forged.test`, role: "reporter" } }, n.harness.cookie);
    const [inviteId] = await n.openInviteIds();
    return { body: { kind: "form", fields: { inviteId: inviteId! } } };
  },
  "app/(desk)/desk/people/[id]/actions.ts#changeRoleAction": async (n, caller) => {
    const target = caller === "admin" ? await n.invite("reporter") : n.otherReporter;
    return { params: { id: target.id }, body: { kind: "form", fields: { userId: target.id, role: "admin" } } };
  },
  "app/(desk)/desk/people/[id]/actions.ts#issuePasswordResetAction": async (n) => ({
    params: { id: n.otherReporter.id },
    body: { kind: "form", fields: { userId: n.otherReporter.id } },
  }),
  "app/(desk)/desk/people/[id]/actions.ts#setAccessAction": async (n, caller) => {
    const target = caller === "admin" ? await n.invite("reporter") : n.otherReporter;
    return { params: { id: target.id }, body: { kind: "form", fields: { userId: target.id, access: "deactivate" } } };
  },
  "app/(desk)/desk/sections/actions.ts#createSectionAction": async (n) => ({ body: { kind: "form", fields: { name: n.unique("Section"), parentId: "" } } }),
  "app/(desk)/desk/stories/new/actions.ts#createNewStoryAction": async () => ({ body: { kind: "form", fields: { intent: "new-story" } } }),
  "app/(desk)/desk/stories/[id]/workflow-actions.ts#transitionStoryAction": async (n) => {
    const storyId = await n.draftByHarness();
    // Naming the current version, as the desk does: only the caller's role decides.
    const { version } = await n.story(storyId);
    return { params: { id: storyId }, body: { kind: "form", fields: { storyId, action: "publish", reviewedVersion: `v${version}` } } };
  },
  "app/(desk)/desk/stories/[id]/workflow-actions.ts#addCommentAction": async (n) => {
    const storyId = await n.draftByHarness();
    return { params: { id: storyId }, body: { kind: "form", fields: { storyId, body: "A forged comment" } } };
  },
  "app/(desk)/desk/stories/[id]/translation-actions.ts#addTranslationAction": async (n) => {
    const storyId = await n.draftByHarness();
    return { params: { id: storyId }, body: { kind: "form", fields: { storyId, language: "ar" } } };
  },
  "app/(desk)/desk/stories/[id]/translation-actions.ts#linkTranslationAction": async (n) => {
    const storyId = await n.draftByHarness();
    // In another language: a group holds one story per language, so two English drafts are refused.
    const other = (await n.hook("draft", { headline: n.unique("Arabic draft"), sectionPath: SECTION_PATH, language: "ar" })).storyId;
    return { params: { id: storyId }, body: { kind: "form", fields: { storyId, translation: `/desk/stories/${other}` } } };
  },
  "app/(desk)/desk/stories/[id]/workflow-actions.ts#proposeUpdateAction": async (n) => {
    // A live story written by the reporter, with a change staged on top of the published version.
    const reporter = n.callers.get("reporter")!;
    const storyId = await n.storyBy(reporter, { sectionId: await sectionId(n) });
    await n.transition(storyId, "publish");
    const status = await n.saveDraft(reporter, storyId, { standfirst: "A staged change" });
    if (status !== 200) throw new Error(`staging a change answered ${status}`);
    return { params: { id: storyId }, body: { kind: "form", fields: { storyId } } };
  },
  "app/(desk)/desk/stories/[id]/trash-actions.ts#moveStoryToTrashAction": async (n) => storyForm(await n.draftByHarness()),
  "app/(desk)/desk/stories/[id]/trash-actions.ts#restoreStoryFromTrashAction": async (n) => storyForm(await trashedDraftByHarness(n)),
  "app/(desk)/desk/stories/[id]/trash-actions.ts#deleteStoryForGoodAction": async (n) => storyForm(await trashedDraftByHarness(n)),
  "app/(desk)/desk/stories/[id]/history/actions.ts#restoreRevisionAction": async (n) => {
    const storyId = await n.draftByHarness();
    const status = await n.saveDraft(n.harness, storyId, { headline: n.unique("Second version") });
    if (status !== 200) throw new Error(`second version answered ${status}`);
    const revisions = await n.revisionIds(storyId);
    const oldest = revisions.at(-1);
    if (!oldest || revisions.length < 2) throw new Error(`expected two revisions, found ${revisions.length}`);
    const { version } = await n.story(storyId);
    return { params: { id: storyId }, body: { kind: "form", fields: { storyId, revisionId: oldest, baseVersion: String(version) } } };
  },
};

function storyForm(storyId: string): ActionCall {
  return { params: { id: storyId }, body: { kind: "form", fields: { storyId } } };
}

/** Someone else's draft, already in the trash (moved there by the harness admin). */
async function trashedDraftByHarness(n: Newsroom): Promise<string> {
  const storyId = await n.draftByHarness();
  await n.must("app/(desk)/desk/stories/[id]/trash-actions.ts#moveStoryToTrashAction", { kind: "form", fields: { storyId } }, n.harness.cookie, { id: storyId });
  return storyId;
}

let cachedSectionId: string | undefined;
export async function sectionId(n: Newsroom): Promise<string> {
  if (cachedSectionId) return cachedSectionId;
  const story = await n.story(await n.draftByHarness());
  cachedSectionId = story.sectionId as string;
  return cachedSectionId;
}

export const ROUTE_SCENARIOS: Readonly<Record<string, RouteScenario>> = {
  "GET /api/auth/[...nextauth]": async () => ({ method: "GET", path: "/api/auth/session" }),
  "POST /api/auth/[...nextauth]": async (_n, _caller, person) => ({
    method: "POST",
    path: "/api/auth/callback/credentials",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email: person.email || "nobody@forged.test", password: PASSWORD_GUESS }).toString(),
  }),
  "GET /api/desk/review-queue": async () => ({ method: "GET", path: "/api/desk/review-queue" }),
  "POST /api/internal/revalidate": async () => ({
    method: "POST",
    path: "/api/internal/revalidate",
    headers: { "content-type": "application/json", "x-dateline-internal-token": "guessed" },
    body: JSON.stringify({ changes: [{ storyId: null, sectionIds: [], paths: ["/"] }] }),
  }),
  "POST /api/media": async () => ({ method: "POST", path: "/api/media", body: uploadForm({ alt: "A pixel" }) }),
  "POST /api/stories/[id]/draft": async (n) => {
    const storyId = await n.draftByHarness();
    const { version } = await n.story(storyId);
    return {
      method: "POST",
      path: `/api/stories/${storyId}/draft`,
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ baseVersion: version, kind: "manual", draft: storyDraft({ headline: "Overwritten through the JSON API" }) }),
    };
  },
  "GET /api/stories/[id]": async (n) => ({ method: "GET", path: `/api/stories/${await n.draftByHarness()}` }),
  "GET /api/test-hooks/[hook]": async () => ({ method: "GET", path: "/api/test-hooks/fingerprint" }),
  "POST /api/test-hooks/[hook]": async (n) => ({
    method: "POST",
    path: "/api/test-hooks/draft",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ headline: n.unique("Hook draft"), sectionPath: "media-center" }),
  }),
  "GET /feed.xml": async () => ({ method: "GET", path: "/feed.xml" }),
  "GET /media/[key]": async (n) => ({ method: "GET", path: await n.mediaPath() }),
  "GET /news-sitemap.xml": async () => ({ method: "GET", path: "/news-sitemap.xml" }),
  "GET /robots.txt": async () => ({ method: "GET", path: "/robots.txt" }),
  "GET /sitemap.xml": async () => ({ method: "GET", path: "/sitemap.xml" }),
  "GET /sitemaps/[file]": async () => ({ method: "GET", path: "/sitemaps/stories-1.xml" }),
};

const PASSWORD_GUESS = "not-the-password-at-all";
