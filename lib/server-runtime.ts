import "server-only";
import { getEnv } from "@/lib/env";
import { closeDb, getDbHandle } from "@/lib/db";
import { describeStartupError } from "@/lib/db/open";

const globalForRuntime = globalThis as typeof globalThis & { __datelineRuntimeStarted?: boolean };
const stopHooks: Array<() => Promise<void> | void> = [];

/** Lets long-running parts (the scheduler) stop before the database closes. */
export function onServerStop(hook: () => Promise<void> | void): void {
  stopHooks.push(hook);
}

export async function startServerRuntime(): Promise<void> {
  if (globalForRuntime.__datelineRuntimeStarted) return;
  globalForRuntime.__datelineRuntimeStarted = true;
  let engine: string;
  try {
    const env = getEnv();
    if (env.isBuildPhase) return;
    engine = (await getDbHandle()).engine;
  } catch (error) {
    console.error(`\n✖ ${describeStartupError(error)}\n`);
    process.exit(1);
  }
  console.log(`Dateline database ready (${engine === "pglite" ? `embedded, ${getEnv().dataDir}` : "PostgreSQL"}).`);

  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    for (const hook of stopHooks.reverse()) await Promise.resolve(hook()).catch(() => {});
    // Bounded: a connection stuck on a dead server must not keep the process from stopping.
    const closed = closeDb().then(
      () => true,
      (error) => {
        console.error(`Closing the database failed: ${describeStartupError(error)}`);
        return true;
      },
    );
    if (!(await Promise.race([closed, new Promise<false>((resolve) => setTimeout(() => resolve(false), 10_000).unref())]))) {
      console.error("Closing the database took over 10 s; stopping anyway.");
    }
    process.exit(signal === "SIGINT" ? 130 : 0);
  };
  process.once("SIGTERM", () => void stop("SIGTERM"));
  process.once("SIGINT", () => void stop("SIGINT"));

  if (getEnv().schedulerEnabled) {
    const { startScheduler } = await import("@/lib/scheduler/runner");
    const { revalidatePublicChange } = await import("@/lib/site/revalidate");
    onServerStop(startScheduler({ intervalMs: getEnv().schedulerIntervalMs, onPublished: revalidatePublicChange }));
    // Empties the trash of stories moved there over 30 days ago; hourly is plenty for a 30-day limit.
    const { emptyTrash } = await import("@/lib/stories/trash");
    const { startIntervalTask } = await import("@/lib/scheduler/interval-task");
    onServerStop(
      startIntervalTask("Trash", 3600_000, async () => {
        const deleted = await emptyTrash();
        if (deleted > 0) console.log(`Trash: deleted ${deleted} stories kept over 30 days`);
      }),
    );
    // Deletes "New story" drafts nobody wrote a word in within a day.
    const { sweepEmptyDrafts } = await import("@/lib/stories/empty-drafts");
    onServerStop(
      startIntervalTask("Empty drafts", 3600_000, async () => {
        const deleted = await sweepEmptyDrafts();
        if (deleted > 0) console.log(`Empty drafts: deleted ${deleted} stories never written in`);
      }),
    );
  }

  // Notifications by email, only when SMTP is configured.
  const { createSmtpSender } = await import("@/lib/notifications/mailer");
  const send = createSmtpSender();
  if (send) {
    const { emailPendingNotifications } = await import("@/lib/notifications/commands");
    const { startIntervalTask } = await import("@/lib/scheduler/interval-task");
    onServerStop(startIntervalTask("Email", 15_000, async () => void (await emailPendingNotifications(send, getEnv().publicUrl))));
  }
}
