import "server-only";
import { eq } from "drizzle-orm";
import { getDb, tables } from "@/lib/db";
import { plainTextToDoc } from "@/lib/content/text";
import { applyTransition, type PublicChange } from "@/lib/publishing/commands";
import { ensureSection } from "@/lib/sections/commands";
import { parseDateTimeLocal } from "@/lib/time/newsroom-time";
import { writeRevision } from "./commands";
import { parseSeedArticle } from "./sample/parse-seed-article";
import { SEED_ARTICLE_TEXT } from "./sample/seed-article";
import { suggestSlug } from "./slug";
import { validateStoryBody } from "@/lib/content/validate";

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** "Thursday, 01 December 2016 18:10" -> "2016-12-01T18:10" (a wall time in the newsroom's zone). */
function datelineToLocal(dateline: string): string | null {
  const m = dateline.match(/^\w+, (\d{2}) (\w+) (\d{4}) (\d{2}):(\d{2})$/);
  if (!m) return null;
  const month = MONTHS.indexOf(m[2]!) + 1;
  if (month === 0) return null;
  return `${m[3]}-${String(month).padStart(2, "0")}-${m[1]}T${m[4]}:${m[5]}`;
}

/**
 * First-run sample content: Media Center > Coalition News (and a few more sections) and the
 * sample article, published with its original dateline. Only called by setup, for its new admin.
 */
export async function addSampleContent(adminId: string): Promise<PublicChange | null> {
  const db = await getDb();
  const article = parseSeedArticle(SEED_ARTICLE_TEXT);
  return db.transaction(async (tx) => {
    const [settings] = await tx.select().from(tables.newsroomSettings).where(eq(tables.newsroomSettings.id, 1));
    const [admin] = await tx.select().from(tables.users).where(eq(tables.users.id, adminId));
    if (!settings || !admin) return null;
    const mediaCenter = await ensureSection(tx, "Media Center", null, 0);
    const coalitionNews = await ensureSection(tx, "Coalition News", mediaCenter.id, 0);
    await ensureSection(tx, "Statements", mediaCenter.id, 1);
    await ensureSection(tx, "Reports", null, 1);

    const body = validateStoryBody(plainTextToDoc(article.paragraphs.join("\n\n")));
    if (!body.ok) throw new Error("the bundled sample article failed validation");
    const [story] = await tx
      .insert(tables.stories)
      .values({
        headline: article.headline,
        standfirst: "",
        body: body.doc,
        bodyText: body.text,
        wordCount: body.wordCount,
        sourceLine: article.sourceLine,
        slug: suggestSlug(article.headline),
        sectionId: coalitionNews.id,
        language: "en",
        authorId: admin.id,
        updatedBy: admin.id,
      })
      .onConflictDoNothing()
      .returning();
    if (!story) return null;
    await writeRevision(tx, story.id, "manual", "Sample content", admin.id);
    const local = datelineToLocal(article.dateline);
    const when = local ? parseDateTimeLocal(local, settings.timeZone) : null;
    const result = await applyTransition(tx, { id: admin.id, role: admin.role }, story, {
      storyId: story.id,
      action: "publish",
      // The sample article is published exactly as it was just written.
      reviewed: { kind: "version", version: story.version },
      now: when?.ok ? when.date : new Date(),
    });
    return result.ok ? result.publicChange : null;
  });
}
