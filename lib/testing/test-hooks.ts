import "server-only";
import { z } from "@/lib/validation/zod";
import { getViewer, type Viewer } from "@/lib/auth/viewer";
import { plainTextToDoc } from "@/lib/content/text";
import { getEnv } from "@/lib/env";
import { transitionStory, type PublicChange } from "@/lib/publishing/commands";
import { getSectionByPath } from "@/lib/sections/queries";
import { createStory, linkTranslations, saveStory } from "@/lib/stories/commands";
import { readEditorStory } from "@/lib/stories/queries";
import { storyDraftSchema } from "@/lib/stories/schemas";
import { getDb, getDbHandle } from "@/lib/db";
import { fingerprintDatabase } from "@/lib/db/fingerprint";
import { revalidatePublicChange, revalidateSiteStructure } from "@/lib/site/revalidate";
import { setNewsroomLanguage } from "@/lib/settings/commands";

/**
 * Test-only actions for the end-to-end suites, the forged-request suite and the benchmarks: create,
 * publish, update, unpublish and link stories through the same commands and the same revalidation
 * the desk uses. Test support, not part of any domain: it lives here so the public site's module
 * only reads published snapshots. They exist only when DATELINE_E2E_HOOKS=1 and only for a signed-in
 * admin; otherwise every hook answers 404 like any unknown address.
 */

export async function requireHooksAdmin(): Promise<Viewer | null> {
  if (!getEnv().e2eHooks) return null;
  const viewer = await getViewer();
  return viewer?.role === "admin" ? viewer : null;
}

const storyInputSchema = z
  .object({
    headline: z.string().min(1).max(300),
    standfirst: z.string().max(1000).default(""),
    body: z.string().max(200_000).default("Body text."),
    sourceLine: z.string().max(500).default(""),
    sectionPath: z.string().min(1).max(400),
    slug: z.string().max(80).default(""),
    language: z.string().default("en"),
    tags: z.array(z.string()).max(20).default([]),
    /** "me" is the signed-in admin (a staff byline); anything else is a free-text byline. */
    bylines: z.array(z.string().max(120)).max(10).default([]),
    seoTitle: z.string().max(300).default(""),
    seoDescription: z.string().max(500).default(""),
    /** An uploaded image (POST /api/media) as the featured image. */
    featuredMediaId: z.uuid().nullable().default(null),
  })
  .strict();

export const hookSchemas = {
  create: storyInputSchema,
  update: z
    .object({
      storyId: z.uuid(),
      headline: z.string().min(1).max(300).optional(),
      slug: z.string().max(80).optional(),
      sectionPath: z.string().max(400).optional(),
      body: z.string().max(200_000).optional(),
      correctionNote: z.string().max(2000).optional(),
    })
    .strict(),
  unpublish: z.object({ storyId: z.uuid(), reason: z.string().min(1).max(500) }).strict(),
  link: z.object({ storyIds: z.array(z.uuid()).min(2).max(20) }).strict(),
  newsroomLanguage: z.object({ language: z.string().max(10) }).strict(),
};

type HookResult = { ok: true; storyId: string; path: string; change?: PublicChange } | { ok: false; status: number; message: string };

async function sectionIdOf(path: string): Promise<string | null> {
  return (await getSectionByPath(path.replace(/^\/+|\/+$/g, "")))?.id ?? null;
}

function livePathOrEmpty(story: Awaited<ReturnType<typeof readEditorStory>>): string {
  return story?.live?.path ?? "";
}

export async function createAndPublish(viewer: Viewer, input: z.output<typeof storyInputSchema>, options: { publish: boolean } = { publish: true }): Promise<HookResult> {
  const sectionId = await sectionIdOf(input.sectionPath);
  if (!sectionId) return { ok: false, status: 400, message: "No such section." };
  const draft = storyDraftSchema.safeParse({
    headline: input.headline,
    standfirst: input.standfirst,
    body: plainTextToDoc(input.body),
    sourceLine: input.sourceLine,
    slug: input.slug,
    sectionId,
    language: input.language,
    tags: input.tags,
    bylines: input.bylines.map((name) => (name === "me" ? { userId: viewer.id, name: viewer.name } : { userId: null, name })),
    seoTitle: input.seoTitle,
    seoDescription: input.seoDescription,
    featuredMediaId: input.featuredMediaId,
  });
  if (!draft.success) return { ok: false, status: 400, message: draft.error.issues[0]?.message ?? "Invalid story." };
  const created = await createStory(viewer, draft.data);
  if (!created.ok) return { ok: false, status: 400, message: created.message };
  if (!options.publish) return { ok: true, storyId: created.storyId, path: "" };
  // Publishes exactly what it just created, as an editor who wrote it would.
  const published = await transitionStory(viewer, { storyId: created.storyId, action: "publish", reviewed: { kind: "version", version: created.version } });
  if (!published.ok) return { ok: false, status: 400, message: published.message };
  if (published.publicChange) await revalidatePublicChange(published.publicChange);
  return { ok: true, storyId: created.storyId, path: livePathOrEmpty(await readEditorStory(created.storyId)), change: published.publicChange ?? undefined };
}

/** Edits the working copy, then "Publish update" (optionally as a correction). */
export async function updateAndPublish(viewer: Viewer, input: z.output<(typeof hookSchemas)["update"]>): Promise<HookResult> {
  const story = await readEditorStory(input.storyId);
  if (!story) return { ok: false, status: 404, message: "No such story." };
  const sectionId = input.sectionPath ? await sectionIdOf(input.sectionPath) : story.sectionId;
  if (!sectionId) return { ok: false, status: 400, message: "No such section." };
  const draft = storyDraftSchema.parse({
    headline: input.headline ?? story.headline,
    standfirst: story.standfirst,
    body: input.body !== undefined ? plainTextToDoc(input.body) : story.body,
    sourceLine: story.sourceLine,
    slug: input.slug ?? story.slug,
    sectionId,
    language: story.language,
    tags: story.tags,
    bylines: story.bylines.map((b) => ({ userId: b.userId, name: b.name })),
    seoTitle: story.seoTitle,
    seoDescription: story.seoDescription,
  });
  const saved = await saveStory(viewer, { storyId: story.id, baseVersion: story.version, kind: "manual", draft });
  if (!saved.ok) return { ok: false, status: 400, message: saved.message };
  const result = await transitionStory(viewer, { storyId: story.id, action: "publish_update", correctionNote: input.correctionNote, reviewed: { kind: "version", version: saved.version } });
  if (!result.ok) return { ok: false, status: 400, message: result.message };
  if (result.publicChange) await revalidatePublicChange(result.publicChange);
  return { ok: true, storyId: story.id, path: livePathOrEmpty(await readEditorStory(story.id)) };
}

export async function unpublish(viewer: Viewer, input: z.output<(typeof hookSchemas)["unpublish"]>): Promise<HookResult> {
  const result = await transitionStory(viewer, { storyId: input.storyId, action: "unpublish", note: input.reason });
  if (!result.ok) return { ok: false, status: 400, message: result.message };
  if (result.publicChange) await revalidatePublicChange(result.publicChange);
  return { ok: true, storyId: input.storyId, path: result.publicChange?.paths[0] ?? "" };
}

export async function link(viewer: Viewer, input: z.output<(typeof hookSchemas)["link"]>): Promise<HookResult> {
  const result = await linkTranslations(viewer, input.storyIds);
  if (!result.ok) return { ok: false, status: 400, message: result.message };
  // Each linked story's page gains "Read in …" links: refresh them as any public change would.
  for (const storyId of input.storyIds) {
    const story = await readEditorStory(storyId);
    if (story?.live) await revalidatePublicChange({ storyId, sectionIds: [], paths: [story.live.path] });
  }
  return { ok: true, storyId: input.storyIds[0]!, path: "" };
}

/** Statements sent so far by this process (proves a cached page costs none). */
/** Switches the newsroom's language (journeys that read every page type in Arabic, then switch back). */
export async function newsroomLanguage(viewer: Viewer, input: z.output<(typeof hookSchemas)["newsroomLanguage"]>): Promise<HookResult> {
  const result = await setNewsroomLanguage(viewer, input.language);
  if (!result.ok) return { ok: false, status: 400, message: result.message };
  await revalidateSiteStructure();
  return { ok: true, storyId: "", path: "" };
}

export async function queryCount(): Promise<number> {
  return (await getDbHandle()).queryCount();
}

/** Per-table row count and md5 of every row, so a forged request can be shown to have written nothing. */
export async function databaseFingerprint(): Promise<Record<string, string>> {
  // The server's own fingerprint: it holds the PGlite lock, no other process may open the data.
  return fingerprintDatabase(await getDb());
}

/**
 * Runs a publish the way the scheduler does: from a timer started with the server, outside any
 * request, where Next's revalidateTag cannot work. Proves the loopback revalidation path.
 */
const background = globalThis as typeof globalThis & { __datelineBackgroundJobs?: Array<() => Promise<void>> };

export function startBackgroundRunner(): void {
  if (background.__datelineBackgroundJobs) return;
  const jobs: Array<() => Promise<void>> = [];
  background.__datelineBackgroundJobs = jobs;
  // Created at start-up, so its callbacks run in no request's context, like the scheduler's sweep.
  setInterval(() => {
    const job = jobs.shift();
    if (job) void job().catch((error) => console.error("Background test job failed:", error instanceof Error ? error.message : error));
  }, 100).unref();
}

export function publishInBackground(viewer: Viewer, storyId: string): boolean {
  const jobs = background.__datelineBackgroundJobs;
  if (!jobs) return false;
  jobs.push(async () => {
    const story = await readEditorStory(storyId);
    if (!story) return;
    const result = await transitionStory(viewer, { storyId, action: "publish", reviewed: { kind: "version", version: story.version } });
    if (result.ok && result.publicChange) await revalidatePublicChange(result.publicChange);
  });
  return true;
}
