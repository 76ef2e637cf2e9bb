import "server-only";
import { eq } from "drizzle-orm";
import { getDb, tables } from "@/lib/db";

export type NewsroomSettings = { name: string; timeZone: string; defaultLanguage: string };

/** The newsroom's settings, or null before first-run setup. */
export async function getNewsroomSettings(): Promise<NewsroomSettings | null> {
  const db = await getDb();
  const [row] = await db
    .select({ name: tables.newsroomSettings.name, timeZone: tables.newsroomSettings.timeZone, defaultLanguage: tables.newsroomSettings.defaultLanguage })
    .from(tables.newsroomSettings)
    .where(eq(tables.newsroomSettings.id, 1));
  return row ?? null;
}
