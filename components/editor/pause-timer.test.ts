import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { PauseTimer } from "./pause-timer";

describe("PauseTimer", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("runs once changes pause", () => {
    const timer = new PauseTimer(1_000, 5_000);
    const task = vi.fn();
    timer.schedule(task);
    vi.advanceTimersByTime(600);
    timer.schedule(task);
    vi.advanceTimersByTime(999);
    expect(task).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(task).toHaveBeenCalledTimes(1);
  });

  it("runs at least every maxWait during a burst that never pauses", () => {
    const timer = new PauseTimer(1_000, 5_000);
    const task = vi.fn();
    for (let t = 0; t < 12_000; t += 200) {
      timer.schedule(task);
      vi.advanceTimersByTime(200);
    }
    expect(task).toHaveBeenCalledTimes(2);
  });

  it("cancel drops the pending run", () => {
    const timer = new PauseTimer(300, 2_000);
    const task = vi.fn();
    timer.schedule(task);
    timer.cancel();
    vi.advanceTimersByTime(5_000);
    expect(task).not.toHaveBeenCalled();
  });
});
