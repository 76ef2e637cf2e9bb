/**
 * Long runs of the convergence fuzzer (lib/collab/fuzz.ts) against a fresh in-memory database
 * (or a throw-away PostgreSQL database when DATABASE_URL is set):
 *   npm run fuzz:collab -- --rounds 20000          (random seeds, one after another)
 *   npm run fuzz:collab -- --seed 12345 [--rounds N] (replays one seed)
 */
import { setDbHandleForTests } from "@/lib/db";
import { openTestDatabase } from "@/lib/testing/test-db";
import { draftOf, insertUser } from "@/lib/testing/fixtures";
import { findUserById } from "@/lib/people/queries";
import { createStory } from "@/lib/stories/commands";
import { runConvergenceFuzz } from "@/lib/collab/fuzz";
import { sessionCookieFor, startCollabTestServer } from "@/lib/collab/test-support";

function flag(name: string): number | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 && process.argv[at + 1] ? Number(process.argv[at + 1]) : undefined;
}

async function main(): Promise<void> {
  // Sessions signed for this run only.
  process.env.NEXTAUTH_SECRET ??= `fuzz-${crypto.randomUUID()}-${crypto.randomUUID()}`;
  const rounds = flag("rounds") ?? 1000;
  const fixedSeed = flag("seed");
  const handle = await openTestDatabase();
  setDbHandleForTests(handle);
  const server = await startCollabTestServer();
  let failed = false;
  try {
    const people = [await insertUser(handle, "reporter"), await insertUser(handle, "editor"), await insertUser(handle, "editor")];
    const cookies = await Promise.all(people.map(async (p) => sessionCookieFor((await findUserById(p.id))!)));
    let done = 0;
    while (done < rounds) {
      const seed = fixedSeed ?? Math.floor(Math.random() * 2 ** 31);
      const batch = Math.min(1000, rounds - done);
      const story = await createStory(people[0]!, draftOf({ headline: `Fuzz ${seed}` }));
      if (!story.ok) throw new Error(story.message);
      const started = Date.now();
      await runConvergenceFuzz({ server, storyId: story.storyId, cookies, seed, rounds: batch, checkEvery: 100 });
      done += batch;
      console.log(`seed ${seed}: ${batch} rounds converged in ${((Date.now() - started) / 1000).toFixed(1)} s (${done}/${rounds})`);
      if (fixedSeed !== undefined) break;
    }
  } catch (error) {
    failed = true;
    console.error((error as Error).message);
  } finally {
    await server.stop();
    await handle.close();
  }
  process.exit(failed ? 1 : 0);
}

void main();
