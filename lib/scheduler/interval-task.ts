/**
 * Runs `task` now and then every `intervalMs`, never two at once in this process; a failure is
 * logged and retried on the next tick. Returns a stop function that waits for a running pass.
 */
export function startIntervalTask(name: string, intervalMs: number, task: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | null = null;
  let stopped = false;
  const tick = () => {
    if (stopped || running) return;
    running = task()
      .catch((error) => console.error(`${name}: pass failed, retrying in ${intervalMs} ms: ${String(error).split("\n")[0]}`))
      .finally(() => {
        running = null;
      });
  };
  tick();
  const timer = setInterval(tick, intervalMs);
  timer.unref?.();
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
}
