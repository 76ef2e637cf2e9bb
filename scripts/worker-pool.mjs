// The app process's side of the page-cache workers (scripts/page-cache-worker.mjs): starts them on
// the public port, replaces one that dies, tells every one of them about a purge and waits for
// their answers.
//
// The workers accept connections from the one listening socket themselves (node:cluster's
// SCHED_NONE), not through this process (SCHED_RR): this process also runs Next, and while it
// renders, a connection it had accepted for a worker waited with it (seen under load at start-up:
// requests stalled for seconds). A connection no worker has accepted yet waits in the kernel's queue,
// so a worker that dies loses only the requests it was serving.
import cluster from "node:cluster";
import { fileURLToPath } from "node:url";
import { PURGE_MESSAGE, PURGED_MESSAGE } from "./page-cache-worker.mjs";

// A purge normally takes well under a millisecond; a worker stuck longer is not waited for
// (its copies still expire with the page cache's TTL).
const PURGE_ACK_TIMEOUT_MS = 2_000;
// A worker that dies this soon after starting is restarted after a pause, not in a tight loop.
const EARLY_DEATH_MS = 5_000;
const RESTART_PAUSE_MS = 1_000;

export function startWorkerPool({ count, appSocket, log = console.log, logError = console.error }) {
  cluster.schedulingPolicy = cluster.SCHED_NONE;
  cluster.setupPrimary({ exec: fileURLToPath(new URL("./page-cache-worker.mjs", import.meta.url)) });
  let stopping = false;
  let nextPurgeId = 1;
  const waiting = new Map(); // purge id -> { pending: Set<worker id>, done }

  function settle(id, workerId) {
    const purge = waiting.get(id);
    if (!purge) return;
    purge.pending.delete(workerId);
    if (purge.pending.size === 0) purge.done();
  }

  function fork() {
    const worker = cluster.fork({ DATELINE_APP_SOCKET: appSocket });
    const startedAt = Date.now();
    worker.on("message", (message) => {
      if (message?.type === PURGED_MESSAGE) settle(message.id, worker.id);
    });
    worker.once("listening", () => log(`Dateline: page-cache worker ${worker.process.pid} ready`));
    worker.once("exit", (code, signal) => {
      // A purge it never answered must not wait for it.
      for (const id of waiting.keys()) settle(id, worker.id);
      if (stopping) return;
      logError(`Dateline: page-cache worker ${worker.process.pid} stopped (${signal ?? `exit code ${code}`}); starting another.`);
      if (Date.now() - startedAt < EARLY_DEATH_MS) setTimeout(() => stopping || fork(), RESTART_PAUSE_MS).unref();
      else fork();
    });
    return worker;
  }

  const ready = Promise.all(Array.from({ length: count }, () => new Promise((resolve) => fork().once("listening", resolve))));

  return {
    ready,
    /** Every live worker drops its pages; resolves when each said so (or the wait runs out). */
    purge() {
      const workers = Object.values(cluster.workers ?? {}).filter((w) => w && w.isConnected());
      if (workers.length === 0) return Promise.resolve();
      const id = nextPurgeId++;
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          waiting.delete(id);
          resolve();
        }, PURGE_ACK_TIMEOUT_MS);
        timer.unref();
        waiting.set(id, {
          pending: new Set(workers.map((w) => w.id)),
          done: () => {
            clearTimeout(timer);
            waiting.delete(id);
            resolve();
          },
        });
        for (const worker of workers) {
          try {
            worker.send({ type: PURGE_MESSAGE, id });
          } catch {
            settle(id, worker.id);
          }
        }
      });
    },
    /** The public port stops accepting; each worker finishes what it is serving and exits. */
    stop() {
      stopping = true;
      for (const worker of Object.values(cluster.workers ?? {})) worker?.disconnect();
    },
    pids: () => Object.values(cluster.workers ?? {}).map((w) => w?.process.pid),
  };
}
