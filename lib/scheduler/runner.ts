import "server-only";
import { publishDueStories, type PublicChange } from "@/lib/publishing/commands";

export type SchedulerOptions = {
  intervalMs: number;
  /** Called for each story the sweep published (cache revalidation). */
  onPublished: (change: PublicChange) => Promise<void> | void;
};

/**
 * Scheduled publishing that does not depend on traffic: one sweep at start (catching up on
 * anything that fell due while the server was down), then one every interval. Sweeps never
 * overlap in this process; across processes the row locks in publishDueStories keep it exactly-once.
 */
export function startScheduler(options: SchedulerOptions): () => Promise<void> {
  let running: Promise<void> | null = null;
  let stopped = false;
  const sweep = async () => {
    try {
      const changes = await publishDueStories(new Date());
      for (const change of changes) {
        console.log(`Scheduler: published story ${change.storyId} at ${new Date().toISOString()}`);
        await Promise.resolve(options.onPublished(change)).catch((error) => console.error(`Scheduler: revalidation failed: ${String(error).split("\n")[0]}`));
      }
    } catch (error) {
      // A failed sweep (database restarting) is retried on the next tick; nothing is lost.
      console.error(`Scheduler: sweep failed, retrying in ${options.intervalMs} ms: ${String(error).split("\n")[0]}`);
    }
  };
  const tick = () => {
    if (stopped || running) return;
    running = sweep().finally(() => {
      running = null;
    });
  };
  tick();
  const timer = setInterval(tick, options.intervalMs);
  timer.unref?.();
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
}
