import "server-only";
import { publishDueStories, type PublicChange } from "@/lib/publishing/commands";
import { startIntervalTask } from "./interval-task";

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
  return startIntervalTask("Scheduler", options.intervalMs, async () => {
    const changes = await publishDueStories(new Date());
    for (const change of changes) {
      console.log(`Scheduler: published story ${change.storyId} at ${new Date().toISOString()}`);
      await Promise.resolve(options.onPublished(change)).catch((error) => console.error(`Scheduler: revalidation failed: ${String(error).split("\n")[0]}`));
    }
  });
}
