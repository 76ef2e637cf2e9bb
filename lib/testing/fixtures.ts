/**
 * Rows for integration tests, written straight to the test database. Users get a syntactically
 * valid but unusable password hash: these tests exercise commands, not sign-in.
 */
import { randomUUID } from "node:crypto";
import type { DbHandle } from "@/lib/db/open";
import { fingerprintDatabase } from "@/lib/db/fingerprint";
import * as schema from "@/lib/db/schema";
import type { Role } from "@/lib/auth/policy";
import type { StoryDraft } from "@/lib/stories/schemas";
import { plainTextToDoc } from "@/lib/content/text";
import type { JSONContent } from "@tiptap/core";

export type TestUser = { id: string; role: Role; name: string };

export async function insertUser(handle: DbHandle, role: Role, name = `${role} ${randomUUID().slice(0, 6)}`): Promise<TestUser> {
  const [row] = await handle.db
    .insert(schema.users)
    .values({ email: `${randomUUID()}@example.org`, name, slug: `u-${randomUUID()}`, role, passwordHash: "$argon2id$unusable" })
    .returning({ id: schema.users.id });
  return { id: row!.id, role, name };
}

export async function insertSettings(handle: DbHandle, timeZone = "Asia/Damascus"): Promise<void> {
  await handle.db.insert(schema.newsroomSettings).values({ id: 1, name: "Test Newsroom", timeZone }).onConflictDoNothing();
}

export async function insertSection(handle: DbHandle, name = `Section ${randomUUID().slice(0, 6)}`): Promise<{ id: string; path: string }> {
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
  const [row] = await handle.db.insert(schema.sections).values({ name, slug, path: slug }).returning({ id: schema.sections.id, path: schema.sections.path });
  return row!;
}

/** A complete, valid draft; `body` may be any editor JSON (it is validated by the command, not here). */
export function draftOf(overrides: Partial<Omit<StoryDraft, "body">> & { body?: JSONContent } = {}): StoryDraft {
  return {
    headline: "Council approves budget",
    standfirst: "",
    body: plainTextToDoc("The council voted on Tuesday.\n\nDetails followed."),
    sourceLine: "",
    slug: "",
    sectionId: null,
    language: "en",
    tags: [],
    bylines: [],
    featuredMediaId: null,
    featuredCaption: "",
    featuredCredit: "",
    seoTitle: "",
    seoDescription: "",
    ...overrides,
  } as StoryDraft;
}

/**
 * A fingerprint of everything the application writes (every table in the schema): row counts
 * plus an md5 of each table's rows, so a refused action can be shown to have changed nothing at all.
 */
export async function snapshotDatabase(handle: DbHandle): Promise<Record<string, string>> {
  return fingerprintDatabase(handle.db);
}
