/**
 * Runs a task once changes pause for `pauseMs`, but never later than `maxWaitMs` after the first
 * change it has not run for yet: during a long burst of typing it still runs every `maxWaitMs`.
 */
export class PauseTimer {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private firstPendingAt: number | null = null;

  constructor(
    private readonly pauseMs: number,
    private readonly maxWaitMs: number,
  ) {}

  schedule(task: () => void, now = Date.now()): void {
    this.firstPendingAt ??= now;
    const delay = Math.max(0, Math.min(this.pauseMs, this.firstPendingAt + this.maxWaitMs - now));
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.firstPendingAt = null;
      task();
    }, delay);
  }

  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.firstPendingAt = null;
  }
}
