import "server-only";
import { and, eq, lte, sql } from "drizzle-orm";
import { getDb, getDbHandle, tables } from "@/lib/db";
import { isStoryOwner, type Viewer } from "@/lib/auth/policy";
import { recordAudit } from "@/lib/audit/commands";
import { validateStoryBody } from "@/lib/content/validate";
import { renderStoryHtml } from "@/lib/content/render";
import { getEnv } from "@/lib/env";
import { markMediaPublic } from "@/lib/media/commands";
import { readFigureSources } from "@/lib/media/queries";
import { imagesInStoryBody } from "@/lib/media/story-images";
import { listEditorIds, notifyAboutStory } from "@/lib/notifications/commands";
import { slugHeldByLiveStory, SLUG_TAKEN_MESSAGE, TRASHED_MESSAGE, writeRevision, type Tx } from "@/lib/stories/commands";
import { decideTransition, STATUS_LABELS, type StoryAction, type StoryStatus } from "@/lib/stories/workflow";
import type { ReviewedVersion } from "@/lib/stories/reviewed-version";
import { readChangesSince } from "./queries";
import type { VersionChanges } from "./version-changes";

const { stories, storyRevisions, storyBylines, sections, comments, corrections, storyRedirects } = tables;

export type TransitionRequest = {
  storyId: string;
  action: StoryAction;
  /** Note to the reporter (request changes) or reason (unpublish). */
  note?: string;
  publishAt?: Date;
  /** "This update is a correction": the note shown publicly under the article. */
  correctionNote?: string;
  now?: Date;
  /**
   * The version the person read. Approve and every publishing transition must name it and it must
   * be the current one; a stale one is refused with what changed since (see version-changes.ts).
   */
  reviewed?: ReviewedVersion;
};

/** What the public site must refresh after a change: the story, its old and new homes. */
export type PublicChange = { storyId: string; sectionIds: string[]; paths: string[] };

export type TransitionResult =
  | { ok: true; status: StoryStatus; publicChange: PublicChange | null }
  | { ok: false; kind: "refused" | "not_found" | "invalid"; message: string }
  | { ok: false; kind: "stale"; message: string; changes: VersionChanges };

const ACTION_REASONS: Record<StoryAction, string> = {
  submit: "Submitted for review",
  withdraw: "Withdrawn from review",
  request_changes: "Sent back to the reporter",
  approve: "Approved",
  publish: "Published",
  schedule: "Scheduled",
  unschedule: "Unscheduled",
  unpublish: "Unpublished",
  republish: "Published again",
  publish_update: "Update published",
  system_publish: "Published on schedule",
};

const PUBLISHING_ACTIONS: ReadonlySet<StoryAction> = new Set(["publish", "republish", "publish_update", "system_publish"]);

type Actor = Viewer | "system";

/** Moves a story through the workflow: one transaction, the audit event inside it, nothing written on refusal. */
export async function transitionStory(actor: Actor, request: TransitionRequest): Promise<TransitionResult> {
  const db = await getDb();
  try {
    return await db.transaction(async (tx) => {
      const [story] = await tx.select().from(stories).where(eq(stories.id, request.storyId)).for("update");
      if (!story) return { ok: false, kind: "not_found", message: "This story does not exist." } as const;
      const result = await applyTransition(tx, actor, story, request);
      // Throwing rolls back anything a late refusal might have left behind.
      if (!result.ok) throw new Refusal(result);
      return result;
    });
  } catch (error) {
    if (error instanceof Refusal) return error.result;
    throw error;
  }
}

class Refusal extends Error {
  constructor(readonly result: TransitionResult) {
    super("refused");
  }
}

type StoryRow = typeof stories.$inferSelect;

async function ownership(tx: Tx, actor: Actor, story: StoryRow): Promise<{ isOwner: boolean; bylineUserIds: string[] }> {
  const bylineUserIds = (await tx.select({ userId: storyBylines.userId }).from(storyBylines).where(eq(storyBylines.storyId, story.id)))
    .map((b) => b.userId)
    .filter((id): id is string => !!id);
  return { isOwner: actor !== "system" && isStoryOwner(actor.id, { authorId: story.authorId, bylineUserIds }), bylineUserIds };
}

async function checkOnly(tx: Tx, actor: Actor, story: StoryRow, request: TransitionRequest): Promise<TransitionResult> {
  const { isOwner } = await ownership(tx, actor, story);
  const decision = decideTransition({
    status: story.status,
    action: request.action,
    role: actor === "system" ? "system" : actor.role,
    isOwner,
    note: request.note,
    publishAt: request.action === "system_publish" ? (story.scheduledFor ?? undefined) : request.publishAt,
    now: request.now,
    version: story.version,
    reviewed: request.reviewed,
  });
  if (!decision.ok && decision.changedSince) {
    return { ok: false, kind: "stale", message: decision.reason, changes: await readChangesSince(tx, story, decision.changedSince) };
  }
  if (!decision.ok) {
    // A reporter asking about someone else's story learns nothing about it.
    const canSee = actor === "system" || isOwner || actor.role !== "reporter" || story.status === "published";
    return canSee ? { ok: false, kind: "refused", message: decision.reason } : { ok: false, kind: "not_found", message: "This story does not exist." };
  }
  if (story.trashedAt) return { ok: false, kind: "refused", message: TRASHED_MESSAGE };
  return { ok: true, status: decision.next, publicChange: null };
}

/**
 * Applies one transition to a locked story row inside the caller's transaction. Shared by the desk
 * actions and the scheduler sweep, so both follow the same table and write the same audit event.
 */
export async function applyTransition(tx: Tx, actor: Actor, story: StoryRow, request: TransitionRequest): Promise<TransitionResult> {
  const now = request.now ?? new Date();
  const check = await checkOnly(tx, actor, story, request);
  if (!check.ok) return check;
  if (request.action === "approve" && story.status === "approved" && (await approvedVersionOf(tx, story)) === story.version) {
    return { ok: false, kind: "refused", message: "This version is already approved." };
  }
  const next = check.status;
  const actorId = actor === "system" ? null : actor.id;
  const note = request.note?.trim() ?? "";
  let publicChange: PublicChange | null = null;

  if (PUBLISHING_ACTIONS.has(request.action)) {
    const published = await publishWorkingCopy(tx, story, actorId, request, now);
    if (!published.ok) return published;
    publicChange = published.publicChange;
    if (published.stagedAfterSnapshot) {
      await notifyAboutStory(tx, await listEditorIds(tx), actorId, {
        kind: "published",
        storyId: story.id,
        message: (headline) => `“${headline}” went live as scheduled, in the version that was scheduled. Edits saved after scheduling are not live: read them and use Publish update.`,
      });
    }
  } else {
    const set: Partial<typeof stories.$inferInsert> = { status: next };
    if (request.action === "schedule") set.scheduledFor = request.publishAt!;
    if (request.action === "unschedule") set.scheduledFor = null;
    if (request.action === "unpublish") set.unpublishedReason = note;
    // Approval belongs to one version; any move back out of the approved states ends it.
    if (request.action !== "unschedule") set.approvedRevisionId = null;
    await tx.update(stories).set(set).where(eq(stories.id, story.id));
    const revision = await writeRevision(tx, story.id, "transition", ACTION_REASONS[request.action] + (note ? `: ${note}` : ""), actorId);
    // Approve and Schedule sign off exactly this snapshot: the scheduler publishes it, and any later
    // save shows as "changed since approval".
    if (request.action === "approve" || request.action === "schedule") {
      await tx.update(stories).set({ approvedRevisionId: revision.id }).where(eq(stories.id, story.id));
    }
    if (request.action === "unpublish") publicChange = await currentPublicChange(tx, story);
  }

  if (request.action === "request_changes") {
    await tx.insert(comments).values({ storyId: story.id, authorId: actorId, kind: "send_back", body: note });
  }
  await recordAudit(
    {
      actorId,
      action: "story.transition",
      targetType: "story",
      targetId: story.id,
      details: { action: request.action, from: story.status, to: next, ...(note ? { note } : {}), ...(request.correctionNote ? { correction: request.correctionNote } : {}) },
    },
    tx,
  );
  await notifyForTransition(tx, actorId, story, request.action, next);
  return { ok: true, status: next, publicChange };
}

async function notifyForTransition(tx: Tx, actorId: string | null, story: StoryRow, action: StoryAction, next: StoryStatus): Promise<void> {
  const { bylineUserIds } = await ownership(tx, "system", story);
  const reporters = [story.authorId, ...bylineUserIds];
  switch (action) {
    case "submit":
      return notifyAboutStory(tx, await listEditorIds(tx), actorId, { kind: "submitted", storyId: story.id, message: (headline) => `“${headline}” is waiting for review.` });
    case "request_changes":
      return notifyAboutStory(tx, reporters, actorId, { kind: "sent_back", storyId: story.id, message: (headline) => `“${headline}” was sent back with a note.` });
    case "approve":
      return notifyAboutStory(tx, reporters, actorId, { kind: "approved", storyId: story.id, message: (headline) => `“${headline}” was approved.` });
    case "schedule":
      return notifyAboutStory(tx, reporters, actorId, { kind: "scheduled", storyId: story.id, message: (headline) => `“${headline}” is scheduled.` });
    case "unpublish":
      return notifyAboutStory(tx, reporters, actorId, { kind: "unpublished", storyId: story.id, message: (headline) => `“${headline}” was taken down.` });
    default:
      if (next === "published") {
        return notifyAboutStory(tx, reporters, actorId, { kind: "published", storyId: story.id, message: (headline) => `“${headline}” is live (${STATUS_LABELS[next]}).` });
      }
  }
}

function publicPath(sectionPath: string | null, slug: string): string {
  return `/${sectionPath ? `${sectionPath}/` : ""}${slug}`;
}

async function sectionPathOf(tx: Tx, sectionId: string | null): Promise<string | null> {
  if (!sectionId) return null;
  const [row] = await tx.select({ path: sections.path }).from(sections).where(eq(sections.id, sectionId));
  return row?.path ?? null;
}

/** The section and all its ancestors: each of their pages lists the story. */
async function sectionLineage(tx: Tx, sectionId: string | null): Promise<string[]> {
  const ids: string[] = [];
  let current = sectionId;
  while (current && ids.length < 20 && !ids.includes(current)) {
    ids.push(current);
    const [row] = await tx.select({ parentId: sections.parentId }).from(sections).where(eq(sections.id, current));
    current = row?.parentId ?? null;
  }
  return ids;
}

async function currentPublicChange(tx: Tx, story: StoryRow): Promise<PublicChange> {
  if (!story.liveRevisionId) return { storyId: story.id, sectionIds: [], paths: [] };
  const [live] = await tx.select({ slug: storyRevisions.slug, sectionId: storyRevisions.sectionId }).from(storyRevisions).where(eq(storyRevisions.id, story.liveRevisionId));
  if (!live) return { storyId: story.id, sectionIds: [], paths: [] };
  return { storyId: story.id, sectionIds: await sectionLineage(tx, live.sectionId), paths: [publicPath(await sectionPathOf(tx, live.sectionId), live.slug)] };
}

type RevisionRow = typeof storyRevisions.$inferSelect;

/** The version the story's approval is of, or null when it has none on record. */
async function approvedVersionOf(tx: Tx, story: StoryRow): Promise<number | null> {
  if (!story.approvedRevisionId) return null;
  const [row] = await tx.select({ storyVersion: storyRevisions.storyVersion }).from(storyRevisions).where(eq(storyRevisions.id, story.approvedRevisionId));
  return row?.storyVersion ?? null;
}

/**
 * What a publish puts live. Desk transitions publish the working copy (the command has already
 * checked that it is the version the editor read). The scheduler publishes the snapshot that was
 * approved and scheduled: when the working copy was saved again after that, the scheduled text goes
 * out on time and the later edits stay staged, like edits to any live story, until an editor reads
 * them and uses "Publish update". A story scheduled before approvals were recorded has no snapshot
 * and publishes its working copy.
 */
async function scheduledSnapshot(tx: Tx, story: StoryRow, request: TransitionRequest): Promise<RevisionRow | null> {
  if (request.action !== "system_publish" || !story.approvedRevisionId) return null;
  const [revision] = await tx.select().from(storyRevisions).where(eq(storyRevisions.id, story.approvedRevisionId));
  return revision && revision.storyVersion !== story.version ? revision : null;
}

/** The revision columns a snapshot carries over when it, not the working copy, goes live. */
function snapshotContent(revision: RevisionRow): Partial<typeof storyRevisions.$inferInsert> {
  const { headline, standfirst, body, bodyText, sourceLine, slug, sectionId, language, featuredMediaId, featuredCaption, featuredCredit, seoTitle, seoDescription, bylines, tags, storyVersion } = revision;
  return { headline, standfirst, body, bodyText, sourceLine, slug, sectionId, language, featuredMediaId, featuredCaption, featuredCredit, seoTitle, seoDescription, bylines, tags, storyVersion };
}

/** Freezes the working copy (or the scheduled snapshot) into an immutable live revision with its HTML rendered once, here. */
async function publishWorkingCopy(
  tx: Tx,
  story: StoryRow,
  actorId: string | null,
  request: TransitionRequest,
  now: Date,
): Promise<{ ok: true; publicChange: PublicChange; stagedAfterSnapshot: boolean } | { ok: false; kind: "invalid"; message: string }> {
  const snapshot = await scheduledSnapshot(tx, story, request);
  const source = snapshot ?? story;
  if (!source.sectionId) return { ok: false, kind: "invalid", message: "Choose a section before publishing." };
  // Drafts may share a slug; the first to go live takes the address.
  if (await slugHeldByLiveStory(tx, source.slug, story.id)) return { ok: false, kind: "invalid", message: SLUG_TAKEN_MESSAGE };
  const body = validateStoryBody(source.body, { imageOrigins: getEnv().imageOrigins });
  if (!body.ok) return { ok: false, kind: "invalid", message: body.message };
  const correction = request.correctionNote?.trim() ?? "";

  let livePath: string | null = null;
  let liveSectionId: string | null = null;
  if (story.liveRevisionId) {
    const [live] = await tx
      .select({ slug: storyRevisions.slug, sectionId: storyRevisions.sectionId, storyVersion: storyRevisions.storyVersion })
      .from(storyRevisions)
      .where(eq(storyRevisions.id, story.liveRevisionId));
    if (live) {
      livePath = publicPath(await sectionPathOf(tx, live.sectionId), live.slug);
      liveSectionId = live.sectionId;
      if (request.action === "publish_update" && live.storyVersion === story.version && story.status === "published") {
        return { ok: false, kind: "invalid", message: "There are no staged changes to publish; the live version is already up to date." };
      }
    }
  }
  if (request.action === "publish_update" && correction.length > 2000) {
    return { ok: false, kind: "invalid", message: "Keep the correction note under 2,000 characters." };
  }

  await tx
    .update(stories)
    .set({
      status: "published",
      firstPublishedAt: story.firstPublishedAt ?? now,
      lastPublishedAt: now,
      scheduledFor: null,
      unpublishedReason: null,
      updateProposedAt: null,
      approvedRevisionId: null,
    })
    .where(eq(stories.id, story.id));
  // The images go public with the page that shows them, in the same transaction.
  const images = imagesInStoryBody(body.doc);
  await markMediaPublic(tx, { ids: [...images.ids, ...(source.featuredMediaId ? [source.featuredMediaId] : [])], urls: images.urls }, now);
  const imageSources = await readFigureSources(tx, images.urls);
  const html = renderStoryHtml(body.doc, { siteOrigin: getEnv().publicUrl, imageOrigins: getEnv().imageOrigins, imageSources });
  const revision = await writeRevision(tx, story.id, "publish", ACTION_REASONS[request.action] + (correction ? ` (correction: ${correction})` : ""), actorId, {
    html,
    ...(snapshot ? { override: snapshotContent(snapshot) } : {}),
  });
  // The live section travels with the live revision (the public site lists sections by it).
  await tx.update(stories).set({ liveRevisionId: revision.id, liveSectionId: source.sectionId }).where(eq(stories.id, story.id));
  if (correction) {
    await tx.insert(corrections).values({ storyId: story.id, revisionId: revision.id, note: correction, createdBy: actorId, createdAt: now });
  }

  const newPath = publicPath(await sectionPathOf(tx, source.sectionId), source.slug);
  // The new address must never redirect; every old one answers 301 to it.
  await tx.delete(storyRedirects).where(eq(storyRedirects.path, newPath));
  if (livePath && livePath !== newPath) {
    await tx
      .insert(storyRedirects)
      .values({ path: livePath, storyId: story.id })
      .onConflictDoUpdate({ target: storyRedirects.path, set: { storyId: story.id } });
  }
  const sectionIds = new Set([...(await sectionLineage(tx, source.sectionId)), ...(await sectionLineage(tx, liveSectionId))]);
  return {
    ok: true,
    publicChange: { storyId: story.id, sectionIds: [...sectionIds], paths: [...new Set([newPath, ...(livePath ? [livePath] : [])])] },
    stagedAfterSnapshot: snapshot !== null,
  };
}

export type ProposeResult = { ok: true } | { ok: false; message: string };

/**
 * A reporter's staged edits to their own live story go to the editors for review; the live page is
 * untouched until an editor uses "Publish update". Status stays Published throughout.
 */
export async function proposeUpdate(viewer: Viewer, storyId: string, now = new Date()): Promise<ProposeResult> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [story] = await tx.select().from(stories).where(eq(stories.id, storyId)).for("update");
    if (!story) return { ok: false, message: "This story does not exist." } as const;
    const { isOwner } = await ownership(tx, viewer, story);
    // Only the story's own reporter proposes; editors publish the update themselves.
    if (!isOwner) return { ok: false, message: "Only the story's reporter can propose an update for review." } as const;
    if (story.status !== "published" || !story.liveRevisionId) return { ok: false, message: "Only a live story can have an update proposed." } as const;
    const [live] = await tx.select({ storyVersion: storyRevisions.storyVersion }).from(storyRevisions).where(eq(storyRevisions.id, story.liveRevisionId));
    if (live?.storyVersion === story.version) return { ok: false, message: "There are no staged changes to propose." } as const;
    if (story.updateProposedAt) return { ok: false, message: "This update is already waiting for review." } as const;
    await tx.update(stories).set({ updateProposedAt: now }).where(eq(stories.id, story.id));
    await writeRevision(tx, story.id, "transition", "Update proposed for review", viewer.id);
    await recordAudit({ actorId: viewer.id, action: "story.update_proposed", targetType: "story", targetId: story.id }, tx);
    await notifyAboutStory(tx, await listEditorIds(tx), viewer.id, { kind: "submitted", storyId: story.id, message: (headline) => `An update to the live story “${headline}” is waiting for review.` });
    return { ok: true } as const;
  });
}

/**
 * One pass of the scheduler: claims due stories one at a time with FOR UPDATE SKIP LOCKED, so two
 * instances never publish the same story, and re-checks each inside its transaction, so a story
 * unscheduled a moment before is left alone. Returns what it published.
 */
export async function publishDueStories(now = new Date(), limit = 100): Promise<PublicChange[]> {
  const db = await getDb();
  const published: PublicChange[] = [];
  for (let i = 0; i < limit; i++) {
    const result = await db.transaction(async (tx) => {
      const [story] = await tx
        .select()
        .from(stories)
        .where(and(eq(stories.status, "scheduled"), lte(stories.scheduledFor, now)))
        .orderBy(stories.scheduledFor)
        .limit(1)
        .for("update", { skipLocked: true });
      if (!story) return "none" as const;
      const outcome = await applyTransition(tx, "system", story, { storyId: story.id, action: "system_publish", now });
      if (!outcome.ok) {
        // Cannot go out (e.g. its section was removed): park it as approved so it is not retried forever.
        await tx.update(stories).set({ status: "approved", scheduledFor: null }).where(eq(stories.id, story.id));
        await recordAudit({ actorId: null, action: "story.schedule_failed", targetType: "story", targetId: story.id, details: { reason: outcome.message } }, tx);
        return "skipped" as const;
      }
      return outcome.publicChange;
    });
    if (result === "none") break;
    if (result && result !== "skipped") published.push(result);
  }
  return published;
}


/** The channel on which instances sharing one PostgreSQL tell each other what to revalidate. */
export const PUBLIC_CHANGE_CHANNEL = "dateline_public_change";

/**
 * Tells every other instance on this PostgreSQL about public changes, so each refreshes its own
 * caches. A no-op on the embedded database (one process). Large batches become "purge all".
 */
export async function broadcastPublicChanges(origin: string, changes: readonly PublicChange[]): Promise<void> {
  const handle = await getDbHandle();
  if (handle.engine !== "postgres" || changes.length === 0) return;
  let payload = JSON.stringify({ origin, changes });
  // NOTIFY payloads must stay under 8000 bytes.
  if (Buffer.byteLength(payload) > 7000) payload = JSON.stringify({ origin, changes: [], purgeAll: true });
  await handle.db.execute(sql`select pg_notify(${PUBLIC_CHANGE_CHANNEL}, ${payload})`);
}
