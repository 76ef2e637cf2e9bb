/**
 * The whole Dateline domain in one Drizzle schema, shared by PGlite and PostgreSQL.
 * Only `lib/<domain>/queries.ts` and `commands.ts` may import `lib/db`; this file is the contract.
 * Nothing here may need a PostgreSQL feature newer than 15 (CI's server).
 */
import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  customType,
  type AnyPgColumn,
} from "drizzle-orm/pg-core";
import { ROLES } from "@/lib/auth/policy";
import { STORY_STATUSES } from "@/lib/stories/workflow";

/** PostgreSQL's full-text document type; read only by public search (lib/site/queries.ts). */
const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

/**
 * The text-search configuration for a story language: English stories are stemmed ("calling"
 * finds "called"), every other language is indexed word for word ('simple'), which is exact for
 * Arabic and safe for any language. Public search queries with both, so either kind matches.
 */
const SEARCH_CONFIG = sql.raw(`(case when language = 'en' then 'english'::regconfig else 'simple'::regconfig end)`);

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp("updated_at", { withTimezone: true }).notNull().defaultNow();

export const roleEnum = pgEnum("role", ROLES);
export const storyStatusEnum = pgEnum("story_status", STORY_STATUSES);
export const revisionKindEnum = pgEnum("revision_kind", [
  "manual",
  "autosave",
  "transition",
  "restore",
  "conflict",
  "publish",
]);
export const inviteKindEnum = pgEnum("invite_kind", ["invite", "password_reset"]);
export const commentKindEnum = pgEnum("comment_kind", ["comment", "send_back"]);

/** Exactly one row (id = 1): the newsroom's own settings. */
export const newsroomSettings = pgTable(
  "newsroom_settings",
  {
    id: integer("id").primaryKey().default(1),
    name: text("name").notNull(),
    timeZone: text("time_zone").notNull().default("UTC"),
    defaultLanguage: text("default_language").notNull().default("en"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [check("newsroom_settings_singleton", sql`${t.id} = 1`)],
);

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    slug: text("slug").notNull(),
    role: roleEnum("role").notNull(),
    passwordHash: text("password_hash").notNull(),
    active: boolean("active").notNull().default(true),
    /** Bumped to revoke every session at once (sign out everywhere, reset, role change, deactivation). */
    sessionEpoch: integer("session_epoch").notNull().default(0),
    bio: text("bio").notNull().default(""),
    lastSignInAt: timestamp("last_sign_in_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // Emails are stored lower-cased; the index makes case variants one account.
    uniqueIndex("users_email_key").on(t.email),
    uniqueIndex("users_slug_key").on(t.slug),
  ],
);

/** One-time links: invites and password resets. Only a hash of the token is stored. */
export const invites = pgTable(
  "invites",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    kind: inviteKindEnum("kind").notNull().default("invite"),
    tokenHash: text("token_hash").notNull(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    role: roleEnum("role").notNull(),
    userId: uuid("user_id").references(() => users.id, { onDelete: "cascade" }),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("invites_token_hash_key").on(t.tokenHash)],
);

/** A tree: "Media Center" > "Coalition News". `path` is the slash-joined slug path used in URLs. */
export const sections = pgTable(
  "sections",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    parentId: uuid("parent_id").references((): AnyPgColumn => sections.id, { onDelete: "restrict" }),
    name: text("name").notNull(),
    slug: text("slug").notNull(),
    path: text("path").notNull(),
    description: text("description").notNull().default(""),
    position: integer("position").notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("sections_path_key").on(t.path), index("sections_parent_idx").on(t.parentId)],
);

export const mediaAssets = pgTable(
  "media_assets",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Random storage key; never derived from the uploaded name. */
    storageKey: text("storage_key").notNull(),
    originalName: text("original_name").notNull().default(""),
    mimeType: text("mime_type").notNull(),
    width: integer("width").notNull(),
    height: integer("height").notNull(),
    bytes: integer("bytes").notNull(),
    /** Responsive renditions: [{ width, height, key, mimeType, bytes }]. */
    variants: jsonb("variants").$type<MediaVariant[]>().notNull().default([]),
    alt: text("alt").notNull().default(""),
    caption: text("caption").notNull().default(""),
    credit: text("credit").notNull().default(""),
    uploadedBy: uuid("uploaded_by").references(() => users.id, { onDelete: "set null" }),
    /**
     * When a story using this image first went live. Until then it is served to signed-in staff
     * only (a draft's photo must not leak before publication); once public it stays public, as
     * readers, feeds and caches may already hold it.
     */
    publicSince: timestamp("public_since", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("media_assets_storage_key_key").on(t.storageKey)],
);

export type MediaVariant = { width: number; height: number; key: string; mimeType: string; bytes: number };

/** The working copy of a story. What the public sees is `liveRevisionId`, never these columns. */
export const stories = pgTable(
  "stories",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    status: storyStatusEnum("status").notNull().default("draft"),
    /** Optimistic concurrency: every save names the version it edited. */
    version: integer("version").notNull().default(1),
    headline: text("headline").notNull(),
    standfirst: text("standfirst").notNull().default(""),
    body: jsonb("body").notNull(),
    bodyText: text("body_text").notNull().default(""),
    wordCount: integer("word_count").notNull().default(0),
    sourceLine: text("source_line").notNull().default(""),
    slug: text("slug").notNull(),
    sectionId: uuid("section_id").references(() => sections.id, { onDelete: "restrict" }),
    language: text("language").notNull().default("en"),
    authorId: uuid("author_id")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    featuredMediaId: uuid("featured_media_id").references(() => mediaAssets.id, { onDelete: "set null" }),
    featuredCaption: text("featured_caption").notNull().default(""),
    featuredCredit: text("featured_credit").notNull().default(""),
    seoTitle: text("seo_title").notNull().default(""),
    seoDescription: text("seo_description").notNull().default(""),
    /** Stories linked as translations of each other share a group id. */
    translationGroupId: uuid("translation_group_id"),
    liveRevisionId: uuid("live_revision_id").references((): AnyPgColumn => storyRevisions.id, {
      onDelete: "set null",
    }),
    /**
     * The live revision's section, set together with liveRevisionId at publish. It sits beside
     * first_published_at so that a section's public listing is one index range, not a join over
     * every published revision of the section (see stories_public_section_idx).
     */
    liveSectionId: uuid("live_section_id").references(() => sections.id, { onDelete: "set null" }),
    /** The dateline: when the story first went live (may be set for imported archive stories). */
    firstPublishedAt: timestamp("first_published_at", { withTimezone: true }),
    lastPublishedAt: timestamp("last_published_at", { withTimezone: true }),
    scheduledFor: timestamp("scheduled_for", { withTimezone: true }),
    unpublishedReason: text("unpublished_reason"),
    /** A reporter proposed their staged edits to a live story for review; cleared by "Publish update". */
    updateProposedAt: timestamp("update_proposed_at", { withTimezone: true }),
    /**
     * The snapshot an editor approved (Approve) or signed off for its time (Schedule). Approval is of
     * this text: a working copy saved after it is "changed since approval", and the scheduler
     * publishes this revision, not whatever the working copy holds by then.
     */
    approvedRevisionId: uuid("approved_revision_id").references((): AnyPgColumn => storyRevisions.id, { onDelete: "set null" }),
    updatedBy: uuid("updated_by").references(() => users.id, { onDelete: "set null" }),
    lastRevisionAt: timestamp("last_revision_at", { withTimezone: true }),
    /** In the trash (only stories never published); emptied for good 30 days later. */
    trashedAt: timestamp("trashed_at", { withTimezone: true }),
    trashedBy: uuid("trashed_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // A slug is reserved only by a story that is or was live: drafts may share one, and a draft never
    // takes a clean address from a story written later (publishing checks it is still free).
    uniqueIndex("stories_live_slug_key").on(t.slug).where(sql`${t.firstPublishedAt} is not null`),
    index("stories_slug_idx").on(t.slug),
    index("stories_trashed_idx").on(t.trashedAt).where(sql`${t.trashedAt} is not null`),
    index("stories_status_idx").on(t.status, t.updatedAt),
    index("stories_author_idx").on(t.authorId),
    index("stories_section_idx").on(t.sectionId),
    index("stories_scheduled_idx").on(t.scheduledFor).where(sql`${t.status} = 'scheduled'`),
    // Public listings: newest first among published stories (home, feeds), per live section, and
    // live revision -> story.
    index("stories_published_idx").on(t.firstPublishedAt.desc()).where(sql`${t.status} = 'published'`),
    index("stories_public_section_idx").on(t.liveSectionId, t.firstPublishedAt.desc(), t.id.desc()).where(sql`${t.status} = 'published'`),
    index("stories_live_revision_idx").on(t.liveRevisionId),
    index("stories_translation_group_idx").on(t.translationGroupId).where(sql`${t.translationGroupId} is not null`),
  ],
);

/** Immutable snapshots. Never updated, never deleted by the application. */
export const storyRevisions = pgTable(
  "story_revisions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    storyId: uuid("story_id")
      .notNull()
      .references((): AnyPgColumn => stories.id, { onDelete: "cascade" }),
    number: integer("number").notNull(),
    kind: revisionKindEnum("kind").notNull(),
    reason: text("reason").notNull().default(""),
    storyVersion: integer("story_version").notNull(),
    status: storyStatusEnum("status").notNull(),
    headline: text("headline").notNull(),
    standfirst: text("standfirst").notNull().default(""),
    body: jsonb("body").notNull(),
    bodyText: text("body_text").notNull().default(""),
    sourceLine: text("source_line").notNull().default(""),
    slug: text("slug").notNull(),
    sectionId: uuid("section_id").references(() => sections.id, { onDelete: "set null" }),
    language: text("language").notNull().default("en"),
    featuredMediaId: uuid("featured_media_id").references(() => mediaAssets.id, { onDelete: "set null" }),
    featuredCaption: text("featured_caption").notNull().default(""),
    featuredCredit: text("featured_credit").notNull().default(""),
    seoTitle: text("seo_title").notNull().default(""),
    seoDescription: text("seo_description").notNull().default(""),
    /** Bylines and tags as they were, so a live revision needs no join to render. */
    bylines: jsonb("bylines").$type<RevisionByline[]>().notNull().default([]),
    tags: jsonb("tags").$type<RevisionTag[]>().notNull().default([]),
    /** Rendered once, when this revision goes live. */
    html: text("html"),
    /**
     * Public search document, weighted headline (A) over standfirst (B) over body (C). Only
     * revisions rendered for the public (html set) get one: drafts and autosaves are never
     * searched, and the index stays the size of the published archive.
     */
    searchVector: tsvector("search_vector").generatedAlwaysAs(
      sql`case when html is not null then
        setweight(to_tsvector(${SEARCH_CONFIG}, coalesce(headline, '')), 'A') ||
        setweight(to_tsvector(${SEARCH_CONFIG}, coalesce(standfirst, '')), 'B') ||
        setweight(to_tsvector(${SEARCH_CONFIG}, coalesce(body_text, '')), 'C')
      end`,
    ),
    /**
     * Index-only search keys (lib/site/search-keys.ts): adjacent word pairs, so a phrase of common
     * words is found by the index instead of by checking every story with both words, and the
     * day and month of publication, so the newest matches of a common word are found window by
     * window. Built by the SQL function dateline_search_keys (migration 0005).
     */
    searchKeys: tsvector("search_keys").generatedAlwaysAs(
      sql`case when html is not null then dateline_search_keys(language, headline, standfirst, body_text, created_at) end`,
    ),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("story_revisions_story_number_key").on(t.storyId, t.number),
    index("story_revisions_story_idx").on(t.storyId, t.createdAt),
    // The public site reads published revisions only (html is set exactly for those).
    index("story_revisions_search_idx").using("gin", t.searchVector).where(sql`html is not null`),
    index("story_revisions_search_keys_idx").using("gin", t.searchKeys).where(sql`html is not null`),
    index("story_revisions_public_slug_idx").on(t.slug).where(sql`html is not null`),
    // Search walks the newest published revisions when a word is too common for the GIN index to pay.
    index("story_revisions_public_recent_idx").on(t.createdAt.desc()).where(sql`html is not null`),
    index("story_revisions_public_bylines_idx").using("gin", sql`${t.bylines} jsonb_path_ops`).where(sql`html is not null`),
    index("story_revisions_public_tags_idx").using("gin", sql`${t.tags} jsonb_path_ops`).where(sql`html is not null`),
  ],
);

export type RevisionByline = { userId: string | null; name: string; slug: string | null };
export type RevisionTag = { name: string; slug: string };

export const storyBylines = pgTable(
  "story_bylines",
  {
    storyId: uuid("story_id")
      .notNull()
      .references(() => stories.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    /** A staff member, or null for free text such as "Agencies". */
    userId: uuid("user_id").references(() => users.id, { onDelete: "set null" }),
    displayName: text("display_name").notNull(),
  },
  (t) => [primaryKey({ columns: [t.storyId, t.position] }), index("story_bylines_user_idx").on(t.userId)],
);

export const tags = pgTable(
  "tags",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    slug: text("slug").notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("tags_slug_key").on(t.slug)],
);

export const storyTags = pgTable(
  "story_tags",
  {
    storyId: uuid("story_id")
      .notNull()
      .references(() => stories.id, { onDelete: "cascade" }),
    tagId: uuid("tag_id")
      .notNull()
      .references(() => tags.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.storyId, t.tagId] }), index("story_tags_tag_idx").on(t.tagId)],
);

/** Editorial comments: visible to everyone who can see the story, never public. */
export const comments = pgTable(
  "comments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    storyId: uuid("story_id")
      .notNull()
      .references(() => stories.id, { onDelete: "cascade" }),
    authorId: uuid("author_id").references(() => users.id, { onDelete: "set null" }),
    kind: commentKindEnum("kind").notNull().default("comment"),
    body: text("body").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("comments_story_idx").on(t.storyId, t.createdAt)],
);

/** Public corrections, kept forever and shown in order. */
export const corrections = pgTable(
  "corrections",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    storyId: uuid("story_id")
      .notNull()
      .references(() => stories.id, { onDelete: "cascade" }),
    revisionId: uuid("revision_id").references(() => storyRevisions.id, { onDelete: "set null" }),
    note: text("note").notNull(),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [index("corrections_story_idx").on(t.storyId, t.createdAt)],
);

/** Old public paths of a story, answered with 301 after a slug or section change. */
export const storyRedirects = pgTable(
  "story_redirects",
  {
    path: text("path").primaryKey(),
    storyId: uuid("story_id")
      .notNull()
      .references(() => stories.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [index("story_redirects_story_idx").on(t.storyId)],
);

export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    actorId: uuid("actor_id").references(() => users.id, { onDelete: "set null" }),
    /** e.g. "auth.sign_in", "auth.sign_in_failed", "story.transition", "people.invite". */
    action: text("action").notNull(),
    targetType: text("target_type"),
    targetId: text("target_id"),
    ip: text("ip"),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [
    index("audit_events_at_idx").on(t.at),
    index("audit_events_action_idx").on(t.action, t.at),
    index("audit_events_target_idx").on(t.targetType, t.targetId),
  ],
);

/**
 * Failed sign-in attempts, one row per attempt per bucket (an account from one address, and an
 * address on its own), so the throttle counts over a sliding window. Rows older than the window
 * are deleted as new attempts arrive.
 */
export const loginAttempts = pgTable(
  "login_attempts",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    bucket: text("bucket").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("login_attempts_bucket_at_idx").on(t.bucket, t.at), index("login_attempts_at_idx").on(t.at)],
);

/**
 * One row per signed-in browser. The session cookie names its row; signing out deletes it, which
 * ends that session (copied cookie included) while the person's other sessions stay signed in.
 */
export const userSessions = pgTable(
  "user_sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [index("user_sessions_user_idx").on(t.userId, t.createdAt)],
);

export const notifications = pgTable(
  "notifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    storyId: uuid("story_id").references(() => stories.id, { onDelete: "cascade" }),
    message: text("message").notNull(),
    readAt: timestamp("read_at", { withTimezone: true }),
    /** Sent by email (only when SMTP is configured); null until then. */
    emailedAt: timestamp("emailed_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index("notifications_user_idx").on(t.userId, t.createdAt)],
);

/** PostgreSQL bytea as a Uint8Array on both engines (pg hands back a Buffer, which is one). */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => "bytea" });

/**
 * The shared (Yjs) document of a story, owned by lib/collab: its compacted state, and the story
 * version the working copy was last derived at (a newer story version means the story was saved
 * another way, and the document is rebuilt from the row).
 */
export const storyDocuments = pgTable("story_documents", {
  storyId: uuid("story_id")
    .primaryKey()
    .references(() => stories.id, { onDelete: "cascade" }),
  state: bytea("state").notNull(),
  derivedVersion: integer("derived_version").notNull(),
  compactedAt: timestamp("compacted_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Every accepted update of a shared document, appended before the sender is told it is stored;
 * compaction folds them into story_documents.state and deletes them in one transaction.
 */
export const storyDocumentUpdates = pgTable(
  "story_document_updates",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    storyId: uuid("story_id")
      .notNull()
      .references(() => stories.id, { onDelete: "cascade" }),
    update: bytea("update").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("story_document_updates_story_idx").on(t.storyId, t.id)],
);
