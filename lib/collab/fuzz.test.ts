import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStory } from "@/lib/stories/commands";
import { insertUser, withTestDatabase } from "@/lib/testing/accounts";
import { draftOf } from "@/lib/testing/fixtures";
import { runConvergenceFuzz } from "./fuzz";
import { sessionCookieFor, startCollabTestServer, type CollabTestServer } from "./test-support";

const db = withTestDatabase();
let server: CollabTestServer;

beforeAll(async () => {
  server = await startCollabTestServer();
});
afterAll(async () => {
  await server?.stop();
});

// CI runs a fixed seed per run of the suite plus FUZZ_SEED when set, so a failure found in a long
// `npm run fuzz:collab` run can be pinned here while it is fixed.
const SEED = Number(process.env.FUZZ_SEED ?? 20261202);

describe("convergence through the real collaboration endpoint", () => {
  it("three writers (reporter and two editors), 1,000 seeded rounds with drops and offline edits: everyone, the store and the working copy agree", { timeout: 240_000 }, async () => {
    const reporter = await insertUser(db.handle(), { role: "reporter" });
    const editorA = await insertUser(db.handle(), { role: "editor" });
    const editorB = await insertUser(db.handle(), { role: "editor" });
    const story = await createStory(reporter, draftOf({ headline: "Council approves budget" }));
    if (!story.ok) throw new Error(story.message);
    const result = await runConvergenceFuzz({
      server,
      storyId: story.storyId,
      cookies: [await sessionCookieFor(reporter), await sessionCookieFor(editorA), await sessionCookieFor(editorB)],
      seed: SEED,
      rounds: 1000,
      checkEvery: 100,
    });
    expect(result.rounds).toBe(1000);
    expect(result.checks).toBe(10);
  });
});
