/**
 * Migration 0004 rewrites published HTML that shows a picture from another site into the link
 * lib/content/render.ts now renders instead, so readers' browsers stop fetching it.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { setDbHandleForTests } from "@/lib/db";
import type { DbHandle } from "@/lib/db/open";
import * as schema from "@/lib/db/schema";
import { renderStoryHtml } from "@/lib/content/render";
import { openTestDatabase } from "@/lib/testing/test-db";
import { draftOf, seedNewsroom } from "@/lib/testing/story-fixtures";
import { createStory } from "@/lib/stories/commands";

const MIGRATION = readFileSync(path.join(__dirname, "migrations", "0008_published-foreign-images-as-links.sql"), "utf8");

let handle: DbHandle;

beforeAll(async () => {
  handle = await openTestDatabase();
  setDbHandleForTests(handle);
});
afterAll(async () => {
  setDbHandleForTests(undefined);
  await handle?.close();
});

// What the renderer wrote before images had to come from /media/ (the <img> form it still writes for ours).
const OLD_HTML =
  '<p>Stalls by year.</p>\n' +
  '<figure><img src="https://lh7-rt.googleusercontent.com/docsz/AD_4nX?key=a&amp;b=1" alt="A &quot;busy&quot; market" width="602" height="339" loading="lazy" decoding="async"><figcaption>The square</figcaption></figure>\n' +
  '<figure><img src="https://cdn.example.net/b.jpg" alt="" loading="lazy" decoding="async"></figure>\n' +
  '<figure><img src="/media/0f8fad5b-d9cb-469f-a165-70867728950e-w640.webp" alt="Ours" loading="lazy" decoding="async"></figure>';

describe("migration 0004: published pictures from other sites become links", () => {
  it("rewrites exactly the foreign <img>s of published HTML, as the renderer now renders them", async () => {
    const newsroom = await seedNewsroom(handle);
    const created = await createStory(newsroom.reporter, draftOf());
    if (!created.ok) throw new Error(created.message);
    await handle.db.update(schema.storyRevisions).set({ html: OLD_HTML }).where(eq(schema.storyRevisions.storyId, created.storyId));

    await handle.db.execute(sql.raw(MIGRATION));

    const [row] = await handle.db.select({ html: schema.storyRevisions.html }).from(schema.storyRevisions).where(eq(schema.storyRevisions.storyId, created.storyId));
    const html = row!.html!;
    expect(html).not.toMatch(/<img src="https?:/);
    const rendered = renderStoryHtml({
      type: "doc",
      content: [
        { type: "paragraph", content: [{ type: "text", text: "Stalls by year." }] },
        { type: "figure", attrs: { src: "https://lh7-rt.googleusercontent.com/docsz/AD_4nX?key=a&b=1", alt: 'A "busy" market', caption: "The square", width: 602, height: 339 } },
        { type: "figure", attrs: { src: "https://cdn.example.net/b.jpg", alt: "" } },
        { type: "figure", attrs: { src: "/media/0f8fad5b-d9cb-469f-a165-70867728950e-w640.webp", alt: "Ours" } },
      ],
    });
    expect(html).toBe(rendered);
  });
});
