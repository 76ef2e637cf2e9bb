import "server-only";
import { asc, eq } from "drizzle-orm";
import { getDb, tables } from "@/lib/db";

export type SectionNode = { id: string; name: string; slug: string; path: string; parentId: string | null; depth: number; description: string };

/** Every section, parents before children, for pickers and navigation. */
export async function listSections(): Promise<SectionNode[]> {
  const db = await getDb();
  const rows = await db.select().from(tables.sections).orderBy(asc(tables.sections.position), asc(tables.sections.name));
  const byParent = new Map<string | null, typeof rows>();
  for (const row of rows) {
    const list = byParent.get(row.parentId) ?? [];
    list.push(row);
    byParent.set(row.parentId, list);
  }
  const out: SectionNode[] = [];
  const visit = (parentId: string | null, depth: number) => {
    for (const row of byParent.get(parentId) ?? []) {
      out.push({ id: row.id, name: row.name, slug: row.slug, path: row.path, parentId: row.parentId, depth, description: row.description });
      if (depth < 10) visit(row.id, depth + 1);
    }
  };
  visit(null, 0);
  return out;
}

export async function getSectionByPath(path: string): Promise<SectionNode | null> {
  const db = await getDb();
  const [row] = await db.select().from(tables.sections).where(eq(tables.sections.path, path));
  if (!row) return null;
  return { id: row.id, name: row.name, slug: row.slug, path: row.path, parentId: row.parentId, depth: row.path.split("/").length - 1, description: row.description };
}
