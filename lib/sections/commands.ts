import "server-only";
import { eq } from "drizzle-orm";
import { getDb, tables } from "@/lib/db";
import { can, type Viewer } from "@/lib/auth/policy";
import { recordAudit } from "@/lib/audit/commands";
import { isValidSlug, suggestSlug } from "@/lib/stories/slug";
import type { Tx } from "@/lib/stories/commands";

export type SectionResult = { ok: true; id: string; path: string } | { ok: false; message: string; fieldErrors?: Record<string, string[] | undefined> };

/** Inside a transaction: the section at parent/slug, created if missing (used by sample content). */
export async function ensureSection(tx: Tx, name: string, parentId: string | null, position = 0): Promise<{ id: string; path: string }> {
  const slug = suggestSlug(name);
  let parentPath = "";
  if (parentId) {
    const [parent] = await tx.select({ path: tables.sections.path }).from(tables.sections).where(eq(tables.sections.id, parentId));
    parentPath = parent ? `${parent.path}/` : "";
  }
  const path = `${parentPath}${slug}`;
  await tx.insert(tables.sections).values({ name, slug, path, parentId, position }).onConflictDoNothing();
  const [row] = await tx.select({ id: tables.sections.id, path: tables.sections.path }).from(tables.sections).where(eq(tables.sections.path, path));
  return row!;
}

export async function createSection(viewer: Viewer, input: { name: string; parentId: string | null; slug?: string; description?: string }): Promise<SectionResult> {
  // Sections shape the public site's URLs: editors and admins only.
  if (!can(viewer.role, "section.manage")) return { ok: false, message: "Only editors can manage sections." };
  const slug = input.slug?.trim() || suggestSlug(input.name);
  if (!isValidSlug(slug)) return { ok: false, message: "Please correct the slug.", fieldErrors: { slug: ["Use lower-case letters, digits and hyphens."] } };
  const db = await getDb();
  return db.transaction(async (tx) => {
    let parentPath = "";
    if (input.parentId) {
      const [parent] = await tx.select({ path: tables.sections.path }).from(tables.sections).where(eq(tables.sections.id, input.parentId));
      if (!parent) return { ok: false, message: "The parent section no longer exists.", fieldErrors: { parentId: ["Choose another parent."] } } as const;
      parentPath = `${parent.path}/`;
    }
    const path = `${parentPath}${slug}`;
    const inserted = await tx
      .insert(tables.sections)
      .values({ name: input.name.trim(), slug, path, parentId: input.parentId, description: input.description?.trim() ?? "" })
      .onConflictDoNothing()
      .returning({ id: tables.sections.id, path: tables.sections.path });
    if (inserted.length === 0) return { ok: false, message: "A section with this address already exists.", fieldErrors: { slug: ["Already used here."] } } as const;
    await recordAudit({ actorId: viewer.id, action: "section.create", targetType: "section", targetId: inserted[0]!.id, details: { path } }, tx);
    return { ok: true, ...inserted[0]! } as const;
  });
}
