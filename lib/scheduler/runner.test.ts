import { afterAll, beforeAll, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { setDbHandleForTests } from "@/lib/db";
import type { DbHandle } from "@/lib/db/open";
import * as schema from "@/lib/db/schema";
import { openTestDatabase } from "@/lib/testing/test-db";
import { draftOf, insertSection, insertSettings, insertUser } from "@/lib/testing/fixtures";
import { createStory } from "@/lib/stories/commands";
import type { PublicChange } from "@/lib/publishing/commands";
import { startScheduler } from "./runner";

let handle: DbHandle;
beforeAll(async () => {
  handle = await openTestDatabase();
  setDbHandleForTests(handle);
  await insertSettings(handle);
});
afterAll(async () => {
  setDbHandleForTests(undefined);
  await handle?.close();
});

it("publishes a story that fell due while the server was down as soon as it starts, and revalidates it", async () => {
  const editor = await insertUser(handle, "editor");
  const section = await insertSection(handle, "World");
  const created = await createStory(editor, draftOf({ headline: "Due during downtime", sectionId: section.id }));
  if (!created.ok) throw new Error(created.message);
  // As if scheduled yesterday and the server was off since.
  await handle.db
    .update(schema.stories)
    .set({ status: "scheduled", scheduledFor: new Date(Date.now() - 86_400_000) })
    .where(eq(schema.stories.id, created.storyId));

  const revalidated: PublicChange[] = [];
  const stop = startScheduler({ intervalMs: 60_000, onPublished: (c) => void revalidated.push(c) });
  const deadline = Date.now() + 10_000;
  while (revalidated.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
  await stop();

  expect(revalidated.map((c) => c.storyId)).toEqual([created.storyId]);
  const [row] = await handle.db.select().from(schema.stories).where(eq(schema.stories.id, created.storyId));
  expect(row!.status).toBe("published");
  expect(row!.liveRevisionId).not.toBeNull();
});
