import "server-only";
import { and, eq, inArray, ne, sql } from "drizzle-orm";
import { getDb, queryRows, tables, type Database } from "@/lib/db";
import { canEditStory, can, isStoryOwner, type Viewer } from "@/lib/auth/policy";
import { validateStoryBody } from "@/lib/content/validate";
import { getEnv } from "@/lib/env";
import { countWords, emptyDoc } from "@/lib/content/text";
import { recordAudit } from "@/lib/audit/commands";
import { languageName, type LanguageCode } from "@/lib/content/languages";
import { isValidSlug, SLUG_MAX_LENGTH, suggestSlug } from "./slug";
import { hasUnstorableText, UNSTORABLE_MESSAGE } from "./storable-text";
import { TRASHED_MESSAGE } from "./trash-messages";
import { readEditorStory, slugHeldByLiveStory, type EditorStory } from "./queries";
import { storyDraftSchema, type StoryDraft } from "./schemas";
import type { StoryStatus } from "./workflow";

const { stories, storyRevisions, storyBylines, storyTags, tags, sections, users, mediaAssets } = tables;

export type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];
type RevisionKind = (typeof tables.revisionKindEnum.enumValues)[number];

/** An autosave writes a revision at most this often; manual saves always write one. */
export const AUTOSAVE_REVISION_INTERVAL_MS = 5 * 60_000;

export type CommandFailure =
  | { ok: false; kind: "invalid"; message: string; fieldErrors?: Record<string, string[]> }
  | { ok: false; kind: "forbidden"; message: string }
  | { ok: false; kind: "not_found"; message: string };

export type SaveResult =
  | { ok: true; storyId: string; version: number; savedAt: string; slug: string }
  | CommandFailure
  | { ok: false; kind: "conflict"; message: string; server: EditorStory; keptRevisionNumber: number | null };

export const NOT_FOUND = "This story does not exist or you cannot open it.";
export { TRASHED_MESSAGE, slugHeldByLiveStory };
const CONFLICT_MESSAGE = "Someone else saved this story first. Your version is kept; compare and choose what to keep.";

type Checked = { draft: StoryDraft; bodyText: string; wordCount: number; body: object };

/** Validates what the schema cannot: the rich text itself, the section, the slug's shape. */
async function checkDraft(tx: Tx, draft: StoryDraft): Promise<{ ok: true; value: Checked } | CommandFailure> {
  if (hasUnstorableText(draft)) {
    return { ok: false, kind: "invalid", message: UNSTORABLE_MESSAGE, fieldErrors: { body: [UNSTORABLE_MESSAGE] } };
  }
  const body = validateStoryBody(draft.body, { imageOrigins: getEnv().imageOrigins });
  if (!body.ok) return { ok: false, kind: "invalid", message: body.message, fieldErrors: { body: [body.message] } };
  if (draft.slug && !isValidSlug(draft.slug)) {
    const message = "Use only lower-case letters, digits and single hyphens in the slug.";
    return { ok: false, kind: "invalid", message, fieldErrors: { slug: [message] } };
  }
  if (draft.sectionId) {
    const [section] = await tx.select({ id: sections.id }).from(sections).where(eq(sections.id, draft.sectionId));
    if (!section) return { ok: false, kind: "invalid", message: "That section no longer exists.", fieldErrors: { sectionId: ["That section no longer exists."] } };
  }
  if (draft.featuredMediaId) {
    // The column is a foreign key: an unknown id would otherwise surface as a database error.
    const [media] = await tx.select({ id: mediaAssets.id }).from(mediaAssets).where(eq(mediaAssets.id, draft.featuredMediaId));
    if (!media) {
      const message = "That featured image no longer exists; choose another one.";
      return { ok: false, kind: "invalid", message, fieldErrors: { featuredMediaId: [message] } };
    }
  }
  for (const byline of draft.bylines) {
    if (!byline.userId) continue;
    const [user] = await tx.select({ id: users.id }).from(users).where(eq(users.id, byline.userId));
    if (!user) return { ok: false, kind: "invalid", message: "A byline names someone who is not in the newsroom.", fieldErrors: { bylines: ["Unknown staff member."] } };
  }
  return { ok: true, value: { draft, bodyText: body.text, wordCount: body.wordCount, body: body.doc } };
}

export const SLUG_TAKEN_MESSAGE = "A published story already uses this address; choose a different slug.";

/** A free slug: the one asked for (refused if a live story holds it), or one suggested from the headline. */
async function resolveSlug(tx: Tx, storyId: string | null, draft: StoryDraft): Promise<{ ok: true; slug: string } | CommandFailure> {
  const taken = (slug: string) => slugHeldByLiveStory(tx, slug, storyId);
  if (draft.slug) {
    if (await taken(draft.slug)) {
      const message = SLUG_TAKEN_MESSAGE;
      return { ok: false, kind: "invalid", message, fieldErrors: { slug: [message] } };
    }
    return { ok: true, slug: draft.slug };
  }
  const base = suggestSlug(draft.headline);
  for (let n = 1; n < 1000; n++) {
    const candidate = n === 1 ? base : `${base.slice(0, 80 - String(n).length - 1)}-${n}`;
    if (!(await taken(candidate))) return { ok: true, slug: candidate };
  }
  return { ok: true, slug: `${base.slice(0, 60)}-${crypto.randomUUID().slice(0, 8)}` };
}

async function replaceBylines(tx: Tx, storyId: string, bylines: StoryDraft["bylines"]): Promise<void> {
  await tx.delete(storyBylines).where(eq(storyBylines.storyId, storyId));
  if (bylines.length === 0) return;
  await tx.insert(storyBylines).values(bylines.map((b, position) => ({ storyId, position, userId: b.userId, displayName: b.name })));
}

async function replaceTags(tx: Tx, storyId: string, names: string[]): Promise<void> {
  const previous = await tx.delete(storyTags).where(eq(storyTags.storyId, storyId)).returning({ tagId: storyTags.tagId });
  const unique = new Map<string, string>();
  for (const name of names) {
    const slug = suggestSlug(name);
    if (!unique.has(slug)) unique.set(slug, name.trim());
  }
  for (const [slug, name] of unique) {
    await tx.insert(tags).values({ name, slug }).onConflictDoNothing();
    const [tag] = await tx.select({ id: tags.id }).from(tags).where(eq(tags.slug, slug));
    await tx.insert(storyTags).values({ storyId, tagId: tag!.id }).onConflictDoNothing();
  }
  await pruneOrphanTags(tx, previous.map((p) => p.tagId));
}

/**
 * A tag typed on a draft and removed again must not linger (tags are suggested to the newsroom).
 * Of `tagIds`, deletes those no story carries any more and no live revision names (the public tag
 * page of a live story must keep working until an update drops the tag).
 */
async function pruneOrphanTags(tx: Tx, tagIds: string[]): Promise<void> {
  if (tagIds.length === 0) return;
  await tx.execute(sql`
    delete from ${tags} t
    where t.id in (${sql.join(tagIds.map((id) => sql`${id}::uuid`), sql`, `)})
      and not exists (select 1 from ${storyTags} st where st.tag_id = t.id)
      and not exists (
        select 1 from ${stories} s
        join ${storyRevisions} r on r.id = s.live_revision_id
        where r.tags @> jsonb_build_array(jsonb_build_object('slug', t.slug))
      )
  `);
}

/** Appends an immutable snapshot of the story's current working copy. */
export async function writeRevision(
  tx: Tx,
  storyId: string,
  kind: RevisionKind,
  reason: string,
  actorId: string | null,
  extra: { html?: string | null; override?: Partial<typeof storyRevisions.$inferInsert>; now?: Date } = {},
): Promise<{ id: string; number: number }> {
  // The autosave interval is measured against lastRevisionAt, so both must come from the caller's clock.
  const at = extra.now ?? new Date();
  const [story] = await tx.select().from(stories).where(eq(stories.id, storyId));
  if (!story) throw new Error("story vanished inside its own transaction");
  const [next] = await queryRows<{ n: number }>(tx, sql`select coalesce(max(number), 0)::int + 1 as n from ${storyRevisions} where story_id = ${storyId}`);
  const bylineRows = await tx
    .select({ userId: storyBylines.userId, name: storyBylines.displayName, slug: users.slug })
    .from(storyBylines)
    .leftJoin(users, eq(users.id, storyBylines.userId))
    .where(eq(storyBylines.storyId, storyId))
    .orderBy(storyBylines.position);
  const tagRows = await tx.select({ name: tags.name, slug: tags.slug }).from(storyTags).innerJoin(tags, eq(tags.id, storyTags.tagId)).where(eq(storyTags.storyId, storyId));
  const [row] = await tx
    .insert(storyRevisions)
    .values({
      storyId,
      number: next!.n,
      kind,
      reason,
      storyVersion: story.version,
      status: story.status,
      headline: story.headline,
      standfirst: story.standfirst,
      body: story.body,
      bodyText: story.bodyText,
      sourceLine: story.sourceLine,
      slug: story.slug,
      sectionId: story.sectionId,
      language: story.language,
      featuredMediaId: story.featuredMediaId,
      featuredCaption: story.featuredCaption,
      featuredCredit: story.featuredCredit,
      seoTitle: story.seoTitle,
      seoDescription: story.seoDescription,
      bylines: bylineRows.map((b) => ({ userId: b.userId, name: b.name, slug: b.userId ? b.slug : null })),
      tags: tagRows,
      html: extra.html ?? null,
      createdBy: actorId,
      createdAt: at,
      ...extra.override,
    })
    .returning({ id: storyRevisions.id, number: storyRevisions.number });
  await tx.update(stories).set({ lastRevisionAt: at }).where(eq(stories.id, storyId));
  return row!;
}

function draftColumns(value: Checked, slug: string) {
  const d = value.draft;
  return {
    headline: d.headline,
    standfirst: d.standfirst,
    body: value.body,
    bodyText: value.bodyText,
    wordCount: value.wordCount,
    sourceLine: d.sourceLine,
    slug,
    sectionId: d.sectionId,
    language: d.language,
    featuredMediaId: d.featuredMediaId,
    featuredCaption: d.featuredCaption,
    featuredCredit: d.featuredCredit,
    seoTitle: d.seoTitle,
    seoDescription: d.seoDescription,
  };
}

/** A new draft owned by the viewer. */
export async function createStory(viewer: Viewer, draft: StoryDraft, now = new Date()): Promise<SaveResult> {
  // Every role may write; the permission is still checked so a future role without it is refused.
  if (!can(viewer.role, "story.create")) return { ok: false, kind: "forbidden", message: "You cannot create stories." };
  const db = await getDb();
  return db.transaction((tx) => insertStory(tx, viewer, draft, now));
}

async function insertStory(tx: Tx, viewer: Viewer, draft: StoryDraft, now: Date, extra: { translationGroupId?: string } = {}): Promise<SaveResult> {
  const checked = await checkDraft(tx, draft);
  if (!checked.ok) return checked;
  const slug = await resolveSlug(tx, null, draft);
  if (!slug.ok) return slug;
  const [story] = await tx
    .insert(stories)
    .values({ ...draftColumns(checked.value, slug.slug), ...extra, authorId: viewer.id, updatedBy: viewer.id, status: "draft", createdAt: now, updatedAt: now })
    .returning({ id: stories.id, version: stories.version, updatedAt: stories.updatedAt });
  const bylines = draft.bylines.length ? draft.bylines : [];
  await replaceBylines(tx, story!.id, bylines);
  await replaceTags(tx, story!.id, draft.tags);
  await writeRevision(tx, story!.id, "manual", "Created", viewer.id, { now });
  await recordAudit({ actorId: viewer.id, action: "story.create", targetType: "story", targetId: story!.id }, tx);
  return { ok: true, storyId: story!.id, version: story!.version, savedAt: story!.updatedAt.toISOString(), slug: slug.slug } as const;
}

/**
 * "New story": an empty draft owned by the viewer, made before the first key so the editor opens
 * on the story's own address and its shared document. It has no headline yet (the working copy
 * is written once it has one); untouched ones are swept after a day (empty-drafts.ts).
 */
export async function createEmptyStory(viewer: Viewer, options: { language: string }, now = new Date()): Promise<{ ok: true; storyId: string } | CommandFailure> {
  if (!can(viewer.role, "story.create")) return { ok: false, kind: "forbidden", message: "You cannot create stories." };
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [author] = await tx.select({ name: users.name }).from(users).where(eq(users.id, viewer.id));
    const [story] = await tx
      .insert(stories)
      .values({ headline: "", slug: "", body: emptyDoc(), language: options.language, authorId: viewer.id, updatedBy: viewer.id, status: "draft", createdAt: now, updatedAt: now })
      .returning({ id: stories.id });
    await replaceBylines(tx, story!.id, author ? [{ userId: viewer.id, name: author.name }] : []);
    await recordAudit({ actorId: viewer.id, action: "story.create", targetType: "story", targetId: story!.id }, tx);
    return { ok: true, storyId: story!.id } as const;
  });
}

/**
 * Locks the story row for this transaction and checks that the viewer may edit it: the row decides
 * (a reporter only their own story, and only in an editable state). Someone who may not even see
 * the story learns nothing: "not found", as for a story that does not exist.
 */
async function lockStoryForEditing(
  tx: Tx,
  viewer: Viewer,
  storyId: string,
): Promise<{ ok: true; story: typeof stories.$inferSelect } | { ok: false; kind: "forbidden" | "not_found"; message: string }> {
  const [story] = await tx.select().from(stories).where(eq(stories.id, storyId)).for("update");
  if (!story) return { ok: false, kind: "not_found", message: NOT_FOUND };
  const bylineUserIds = (await tx.select({ userId: storyBylines.userId }).from(storyBylines).where(eq(storyBylines.storyId, story.id)))
    .map((b) => b.userId)
    .filter((id): id is string => !!id);
  const allowed = story.trashedAt
    ? ({ ok: false, reason: TRASHED_MESSAGE } as const)
    : canEditStory(viewer, { authorId: story.authorId, bylineUserIds, status: story.status });
  if (allowed.ok) return { ok: true, story };
  const visible = isStoryOwner(viewer.id, { authorId: story.authorId, bylineUserIds }) || can(viewer.role, "story.read.any");
  return visible ? { ok: false, kind: "forbidden", message: allowed.reason } : { ok: false, kind: "not_found", message: NOT_FOUND };
}

/**
 * Saves the working copy if nobody saved since `baseVersion`. A stale save changes nothing in the
 * story; the losing text is kept as a "conflict" revision and the server copy is handed back.
 */
export async function saveStory(
  viewer: Viewer,
  input: { storyId: string; baseVersion: number; kind: "manual" | "autosave"; draft: StoryDraft; resolvesConflict?: boolean },
  now = new Date(),
): Promise<SaveResult> {
  const db = await getDb();
  const result = await db.transaction(async (tx) => {
    const locked = await lockStoryForEditing(tx, viewer, input.storyId);
    if (!locked.ok) return locked;
    const { story } = locked;
    const checked = await checkDraft(tx, input.draft);
    if (!checked.ok) return checked;

    if (story.version !== input.baseVersion) {
      // Keep the losing text as a revision of its own, without touching the working copy.
      const kept = await writeRevision(tx, story.id, "conflict", `Unsaved edit by ${viewer.id === story.authorId ? "the author" : "a colleague"} that conflicted`, viewer.id, {
        now,
        override: {
          headline: checked.value.draft.headline,
          standfirst: checked.value.draft.standfirst,
          body: checked.value.body,
          bodyText: checked.value.bodyText,
          sourceLine: checked.value.draft.sourceLine,
          storyVersion: input.baseVersion,
        },
      });
      return { ok: false, kind: "conflict", keptRevisionNumber: kept.number } as const;
    }

    const slug = await resolveSlug(tx, story.id, { ...input.draft, slug: input.draft.slug || story.slug });
    if (!slug.ok) return slug;
    if (input.resolvesConflict && !(await hasSnapshotOfVersion(tx, story.id, story.version))) {
      // "Keep mine" after a conflict replaces the other writer's text, which an autosave may not
      // have snapshotted yet: keep it before it is overwritten, so neither side of a conflict is lost.
      await writeRevision(tx, story.id, "conflict", "Version replaced while resolving a conflict", story.updatedBy, { now });
    }
    const [updated] = await tx
      .update(stories)
      .set({ ...draftColumns(checked.value, slug.slug), version: story.version + 1, updatedAt: now, updatedBy: viewer.id })
      .where(and(eq(stories.id, story.id), eq(stories.version, input.baseVersion)))
      .returning({ version: stories.version, updatedAt: stories.updatedAt });
    await replaceBylines(tx, story.id, input.draft.bylines);
    await replaceTags(tx, story.id, input.draft.tags);
    const revisionDue =
      input.kind === "manual" || !story.lastRevisionAt || now.getTime() - story.lastRevisionAt.getTime() >= AUTOSAVE_REVISION_INTERVAL_MS;
    if (revisionDue) await writeRevision(tx, story.id, input.kind, input.kind === "manual" ? "Saved" : "Autosaved", viewer.id, { now });
    return { ok: true, storyId: story.id, version: updated!.version, savedAt: updated!.updatedAt.toISOString(), slug: slug.slug } as const;
  });
  if (!result.ok && result.kind === "conflict") {
    const server = await readEditorStory(input.storyId);
    return { ok: false, kind: "conflict", message: CONFLICT_MESSAGE, server: server!, keptRevisionNumber: result.keptRevisionNumber };
  }
  return result;
}

/** True when some revision already holds exactly this version of the working copy. */
async function hasSnapshotOfVersion(tx: Tx, storyId: string, version: number): Promise<boolean> {
  // Conflict revisions record the version their losing edit started from, not their own text's.
  const rows = await tx
    .select({ id: storyRevisions.id })
    .from(storyRevisions)
    .where(and(eq(storyRevisions.storyId, storyId), eq(storyRevisions.storyVersion, version), ne(storyRevisions.kind, "conflict")))
    .limit(1);
  return rows.length > 0;
}

/** Copies an old revision into the working copy as a new version; nothing is destroyed. */
export async function restoreRevision(
  viewer: Viewer,
  input: { storyId: string; revisionId: string; baseVersion: number },
): Promise<SaveResult> {
  const db = await getDb();
  const result = await db.transaction(async (tx) => {
    const locked = await lockStoryForEditing(tx, viewer, input.storyId);
    if (!locked.ok) return locked;
    const { story } = locked;
    // Restoring rewrites the working copy: on top of edit rights on this row it needs the restore permission.
    if (!can(viewer.role, "story.restore")) return { ok: false, kind: "forbidden", message: "Only editors can restore an earlier version." } as const;
    if (story.version !== input.baseVersion) return { ok: false, kind: "conflict" } as const;
    const [revision] = await tx
      .select()
      .from(storyRevisions)
      .where(and(eq(storyRevisions.id, input.revisionId), eq(storyRevisions.storyId, story.id)));
    if (!revision) return { ok: false, kind: "not_found", message: "That version does not exist." } as const;
    const slug = await resolveSlug(tx, story.id, { slug: revision.slug } as StoryDraft);
    const [updated] = await tx
      .update(stories)
      .set({
        headline: revision.headline,
        standfirst: revision.standfirst,
        body: revision.body,
        bodyText: revision.bodyText,
        wordCount: countWords(revision.bodyText),
        sourceLine: revision.sourceLine,
        slug: slug.ok ? slug.slug : story.slug,
        sectionId: revision.sectionId,
        language: revision.language,
        featuredMediaId: revision.featuredMediaId,
        featuredCaption: revision.featuredCaption,
        featuredCredit: revision.featuredCredit,
        seoTitle: revision.seoTitle,
        seoDescription: revision.seoDescription,
        version: story.version + 1,
        updatedAt: new Date(),
        updatedBy: viewer.id,
      })
      .where(eq(stories.id, story.id))
      .returning({ version: stories.version, updatedAt: stories.updatedAt, slug: stories.slug });
    await writeRevision(tx, story.id, "restore", `Restored version ${revision.number}`, viewer.id);
    await recordAudit({ actorId: viewer.id, action: "story.restore", targetType: "story", targetId: story.id, details: { revision: revision.number } }, tx);
    return { ok: true, storyId: story.id, version: updated!.version, savedAt: updated!.updatedAt.toISOString(), slug: updated!.slug } as const;
  });
  if (!result.ok && result.kind === "conflict") {
    const server = await readEditorStory(input.storyId);
    return { ok: false, kind: "conflict", message: CONFLICT_MESSAGE, server: server!, keptRevisionNumber: null };
  }
  return result;
}

export type { StoryStatus };

export type LinkTranslationsResult = { ok: true; groupId: string } | CommandFailure;

/**
 * Links stories as translations of each other (the public site shows "Read in …" links and
 * hreflang alternates between them). Joins the group one of them already has, or starts one.
 * Editors only: it changes what several stories show publicly.
 */
export async function linkTranslations(viewer: Viewer, storyIds: readonly string[]): Promise<LinkTranslationsResult> {
  if (!can(viewer.role, "story.edit.any")) return { ok: false, kind: "forbidden", message: "Only editors can link translations." };
  const ids = [...new Set(storyIds)];
  if (ids.length < 2 || ids.length > 20) return { ok: false, kind: "invalid", message: "Choose between two and twenty stories to link." };
  const db = await getDb();
  return db.transaction(async (tx) => {
    const rows = await tx.select({ id: stories.id, groupId: stories.translationGroupId, language: stories.language }).from(stories).where(inArray(stories.id, ids)).for("update");
    if (rows.length !== ids.length) return { ok: false, kind: "not_found", message: NOT_FOUND } as const;
    const groupId = rows.find((r) => r.groupId)?.groupId ?? crypto.randomUUID();
    // One story per language in a group: hreflang and "Read in …" name exactly one page per language.
    const members = await tx.select({ id: stories.id, language: stories.language }).from(stories).where(eq(stories.translationGroupId, groupId));
    const byLanguage = new Map<string, string>();
    for (const story of [...members, ...rows]) {
      const other = byLanguage.get(story.language);
      if (other && other !== story.id) return { ok: false, kind: "invalid", message: `Two of these stories are in ${languageName(story.language)}; a story has one version per language.` } as const;
      byLanguage.set(story.language, story.id);
    }
    await tx.update(stories).set({ translationGroupId: groupId }).where(inArray(stories.id, ids));
    await recordAudit({ actorId: viewer.id, action: "story.link_translations", targetType: "story", targetId: ids[0]!, details: { storyIds: ids, groupId } }, tx);
    return { ok: true, groupId } as const;
  });
}

export type AddTranslationResult = { ok: true; storyId: string; groupId: string } | CommandFailure;

/**
 * Starts a translation of a story: a new draft in `language`, linked to the story's translation
 * group (started here if it has none), holding a copy of the story's working copy for the
 * translator to write over. Same section, tags, bylines and image. Editors only, like linking.
 */
export async function addTranslation(viewer: Viewer, storyId: string, language: LanguageCode, now = new Date()): Promise<AddTranslationResult> {
  if (!can(viewer.role, "story.edit.any")) return { ok: false, kind: "forbidden", message: "Only editors can add translations." };
  // Read before the transaction: the embedded database runs one statement stream at a time.
  const source = await readEditorStory(storyId);
  if (!source) return { ok: false, kind: "not_found", message: NOT_FOUND };
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [row] = await tx.select({ id: stories.id, groupId: stories.translationGroupId, language: stories.language }).from(stories).where(eq(stories.id, storyId)).for("update");
    if (!row) return { ok: false, kind: "not_found", message: NOT_FOUND } as const;
    if (row.language === language) return { ok: false, kind: "invalid", message: `This story is already in ${languageName(language)}.` } as const;
    if (row.groupId) {
      const [existing] = await tx
        .select({ headline: stories.headline })
        .from(stories)
        .where(and(eq(stories.translationGroupId, row.groupId), eq(stories.language, language)));
      if (existing) return { ok: false, kind: "invalid", message: `There is already a version in ${languageName(language)}: “${existing.headline}”.` } as const;
    }
    const groupId = row.groupId ?? crypto.randomUUID();
    // Drafts may share a slug, but two translations going live under one address would collide:
    // the translation starts at "<source slug>-<language>" unless a live story already holds that.
    const languageSlug = `${source.slug.slice(0, SLUG_MAX_LENGTH - language.length - 1)}-${language.toLowerCase()}`;
    const slug = isValidSlug(languageSlug) && !(await slugHeldByLiveStory(tx, languageSlug, null)) ? languageSlug : "";
    const parsed = storyDraftSchema.safeParse({
      headline: source.headline,
      standfirst: source.standfirst,
      body: source.body,
      sourceLine: source.sourceLine,
      slug,
      sectionId: source.sectionId,
      language,
      tags: source.tags,
      bylines: source.bylines.map((b) => ({ userId: b.userId, name: b.name })),
      featuredMediaId: source.featuredMediaId,
      featuredCaption: source.featuredCaption,
      featuredCredit: source.featuredCredit,
      seoTitle: "",
      seoDescription: "",
    });
    if (!parsed.success) return { ok: false, kind: "invalid", message: parsed.error.issues[0]?.message ?? "This story cannot be copied yet." } as const;
    const created = await insertStory(tx, viewer, parsed.data, now, { translationGroupId: groupId });
    if (!created.ok) return created.kind === "conflict" ? ({ ok: false, kind: "invalid", message: created.message } as const) : created;
    if (!row.groupId) await tx.update(stories).set({ translationGroupId: groupId }).where(eq(stories.id, row.id));
    await recordAudit({ actorId: viewer.id, action: "story.add_translation", targetType: "story", targetId: row.id, details: { translationId: created.storyId, language, groupId } }, tx);
    return { ok: true, storyId: created.storyId, groupId } as const;
  });
}
