/**
 * A small newsroom for integration tests of stories: one person per role (plus a second
 * reporter) and a section, written straight into a test database.
 */
import { sql } from "drizzle-orm";
import type { JSONContent } from "@tiptap/core";
import type { DbHandle } from "@/lib/db/open";
import { queryRows } from "@/lib/db/open";
import * as schema from "@/lib/db/schema";
import type { Role } from "@/lib/auth/policy";
import type { StoryDraft } from "@/lib/stories/schemas";
import { draftOf as baseDraftOf } from "./fixtures";

export type TestPerson = { id: string; name: string; email: string; slug: string; role: Role };

export type TestNewsroom = {
  admin: TestPerson;
  editor: TestPerson;
  reporter: TestPerson;
  otherReporter: TestPerson;
  sectionId: string;
};

async function addPerson(handle: DbHandle, name: string, role: Role): Promise<TestPerson> {
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, "-");
  const email = `${slug}@dateline.test`;
  const [row] = await handle.db
    .insert(schema.users)
    .values({ name, email, slug, role, passwordHash: "not-a-real-hash" })
    .returning({ id: schema.users.id });
  return { id: row!.id, name, email, slug, role };
}

export async function seedNewsroom(handle: DbHandle): Promise<TestNewsroom> {
  await handle.db.insert(schema.newsroomSettings).values({ id: 1, name: "Test newsroom" }).onConflictDoNothing();
  const admin = await addPerson(handle, "Ada Admin", "admin");
  const editor = await addPerson(handle, "Rana Haddad", "editor");
  const reporter = await addPerson(handle, "Sami Reporter", "reporter");
  const otherReporter = await addPerson(handle, "Lena Other", "reporter");
  const [section] = await handle.db.insert(schema.sections).values({ name: "News", slug: "news", path: "news" }).returning({ id: schema.sections.id });
  return { admin, editor, reporter, otherReporter, sectionId: section!.id };
}

export function bodyOf(...paragraphs: string[]): StoryDraft["body"] & JSONContent {
  return { type: "doc", content: paragraphs.map((text) => ({ type: "paragraph", content: [{ type: "text", text }] })) };
}

export function draftOf(overrides: Partial<StoryDraft> = {}): StoryDraft {
  return baseDraftOf({ headline: "Council approves the budget", body: bodyOf("The council voted on Tuesday."), ...overrides });
}

/** Row counts of every table a save could touch, to prove a refusal wrote nothing. */
export async function countWrites(handle: DbHandle): Promise<Record<string, number>> {
  const tables = ["stories", "story_revisions", "story_bylines", "story_tags", "tags", "audit_events"] as const;
  const out: Record<string, number> = {};
  for (const table of tables) {
    const [row] = await queryRows<{ n: number }>(handle.db, sql.raw(`select count(*)::int as n from ${table}`));
    out[table] = row!.n;
  }
  return out;
}

/** The parts of a story row a save changes. */
export async function storySnapshot(handle: DbHandle, storyId: string): Promise<Record<string, unknown>> {
  const [row] = await queryRows<Record<string, unknown>>(
    handle.db,
    sql`select version, headline, standfirst, body, body_text, slug, section_id, updated_at, last_revision_at from stories where id = ${storyId}`,
  );
  return row!;
}
