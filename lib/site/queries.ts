import "server-only";
import { desc, eq } from "drizzle-orm";
import { getDb, tables } from "@/lib/db";

export type StoryCard = {
  id: string;
  headline: string;
  standfirst: string;
  slug: string;
  sectionPath: string | null;
  sectionName: string | null;
  publishedAt: Date;
  language: string;
};

/** The newest live stories, read from their live revisions (never the working copy). */
export async function listLatestPublished(limit = 20): Promise<StoryCard[]> {
  const db = await getDb();
  const { stories, storyRevisions, sections } = tables;
  const rows = await db
    .select({
      id: stories.id,
      headline: storyRevisions.headline,
      standfirst: storyRevisions.standfirst,
      slug: storyRevisions.slug,
      sectionPath: sections.path,
      sectionName: sections.name,
      publishedAt: stories.firstPublishedAt,
      language: storyRevisions.language,
    })
    .from(stories)
    .innerJoin(storyRevisions, eq(storyRevisions.id, stories.liveRevisionId))
    .leftJoin(sections, eq(sections.id, storyRevisions.sectionId))
    .where(eq(stories.status, "published"))
    .orderBy(desc(stories.firstPublishedAt))
    .limit(limit);
  return rows.filter((r) => r.publishedAt !== null).map((r) => ({ ...r, publishedAt: r.publishedAt! }));
}

