/** When the editor saves: 2 s after a pause, every 10 s while typing, retries with backoff. */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { AutosaveScheduler, type SaveKind, type SaveOutcome } from "./autosave-scheduler";

type Call = { kind: SaveKind; at: number; resolve: (outcome: SaveOutcome) => void };

function harness(options: { canSave?: () => boolean } = {}) {
  const calls: Call[] = [];
  const statuses: string[] = [];
  const scheduler = new AutosaveScheduler({
    save: (kind) => new Promise<SaveOutcome>((resolve) => calls.push({ kind, at: Date.now(), resolve })),
    onStatus: (s) => statuses.push(s.state),
    canSave: options.canSave,
  });
  return { scheduler, calls, statuses };
}

/** Resolves the pending save and lets the scheduler's continuation run. */
async function answer(call: Call | undefined, outcome: SaveOutcome) {
  if (!call) throw new Error("no save was made");
  call.resolve(outcome);
  await vi.advanceTimersByTimeAsync(0);
}

let answered: number[] = [];

beforeEach(() => {
  answered = [];
  vi.useFakeTimers();
  vi.setSystemTime(new Date("2030-01-01T00:00:00Z"));
});
afterEach(() => {
  vi.useRealTimers();
});

describe("AutosaveScheduler", () => {
  it("saves 2 s after typing pauses", async () => {
    const { scheduler, calls } = harness();
    scheduler.noteChange();
    await vi.advanceTimersByTimeAsync(1_000);
    scheduler.noteChange();
    await vi.advanceTimersByTimeAsync(1_999);
    expect(calls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls.map((c) => c.kind)).toEqual(["autosave"]);
    expect(scheduler.status().state).toBe("saving");
    await answer(calls[0], { type: "saved" });
    expect(scheduler.status().state).toBe("saved");
    expect(scheduler.dirty).toBe(false);
  });

  it("saves at least every 10 s while typing never pauses", async () => {
    const { scheduler, calls } = harness();
    const start = Date.now();
    for (let t = 0; t < 25_000; t += 500) {
      scheduler.noteChange();
      await vi.advanceTimersByTimeAsync(500);
      // The server answers at once; typing carries on regardless.
      for (const call of calls.splice(0)) {
        answered.push(call.at);
        call.resolve({ type: "saved" });
      }
      await vi.advanceTimersByTimeAsync(0);
    }
    expect(answered.length).toBeGreaterThanOrEqual(2);
    expect(answered[0]! - start).toBeLessThanOrEqual(10_000);
    for (let i = 1; i < answered.length; i++) expect(answered[i]! - answered[i - 1]!).toBeLessThanOrEqual(10_000);
  });

  it("runs one save at a time and sends later changes in a follow-up save", async () => {
    const { scheduler, calls } = harness();
    scheduler.noteChange();
    await vi.advanceTimersByTimeAsync(2_000);
    expect(calls).toHaveLength(1);
    scheduler.noteChange();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(calls).toHaveLength(1);
    await answer(calls[0], { type: "saved" });
    expect(scheduler.status().state).toBe("unsaved");
    await vi.advanceTimersByTimeAsync(2_000);
    expect(calls).toHaveLength(2);
    await answer(calls[1], { type: "saved" });
    expect(scheduler.status().state).toBe("saved");
  });

  it("retries failed saves with growing delays and at once when back online", async () => {
    const { scheduler, calls } = harness();
    scheduler.noteChange();
    await vi.advanceTimersByTimeAsync(2_000);
    await answer(calls[0], { type: "failed" });
    expect(scheduler.status().state).toBe("retrying");
    expect(scheduler.dirty).toBe(true);
    await vi.advanceTimersByTimeAsync(1_200);
    expect(calls).toHaveLength(2);
    await answer(calls[1], { type: "failed" });
    await vi.advanceTimersByTimeAsync(1_500);
    expect(calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(calls).toHaveLength(3);
    const gaps = [calls[1]!.at - calls[0]!.at, calls[2]!.at - calls[1]!.at];
    expect(gaps[1]).toBeGreaterThan(gaps[0]!);
    await answer(calls[2], { type: "failed" });
    scheduler.retryNow();
    expect(calls).toHaveLength(4);
    await answer(calls[3], { type: "saved" });
    expect(scheduler.status().state).toBe("saved");
  });

  it("caps the backoff at 30 s", async () => {
    const { scheduler, calls } = harness();
    scheduler.noteChange();
    await vi.advanceTimersByTimeAsync(2_000);
    const gaps: number[] = [];
    for (let i = 0; i < 10; i++) {
      const failedAt = Date.now();
      const before = calls.length;
      await answer(calls.at(-1), { type: "failed" });
      while (calls.length === before) await vi.advanceTimersByTimeAsync(100);
      gaps.push(calls.at(-1)!.at - failedAt);
    }
    // 1, 2, 4, 8, 16, 30, 30… seconds, each ±20 % jitter.
    expect(gaps[0]).toBeLessThanOrEqual(1_300);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(36_100);
    expect(gaps.at(-1)).toBeGreaterThanOrEqual(24_000);
  });

  it("does not resend a refused save until something changes", async () => {
    const { scheduler, calls } = harness();
    scheduler.noteChange();
    await vi.advanceTimersByTimeAsync(2_000);
    await answer(calls[0], { type: "invalid", message: "The headline cannot be empty." });
    expect(scheduler.status()).toEqual({ state: "unsaved", problem: "The headline cannot be empty." });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls).toHaveLength(1);
    scheduler.noteChange();
    await vi.advanceTimersByTimeAsync(2_000);
    expect(calls).toHaveLength(2);
  });

  it("stops on a conflict until it is resolved", async () => {
    const { scheduler, calls } = harness();
    scheduler.noteChange();
    await vi.advanceTimersByTimeAsync(2_000);
    await answer(calls[0], { type: "conflict" });
    expect(scheduler.status().state).toBe("conflict");
    scheduler.noteChange();
    scheduler.saveNow();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls).toHaveLength(1);
    scheduler.resolveConflict();
    await vi.advanceTimersByTimeAsync(2_000);
    expect(calls).toHaveLength(2);
  });

  it("queues a manual save behind the one in flight", async () => {
    const { scheduler, calls } = harness();
    scheduler.noteChange();
    await vi.advanceTimersByTimeAsync(2_000);
    scheduler.saveNow();
    expect(calls).toHaveLength(1);
    await answer(calls[0], { type: "saved" });
    expect(calls.map((c) => c.kind)).toEqual(["autosave", "manual"]);
  });

  it("waits while saving is not possible yet (a new story without a headline)", async () => {
    let headline = "";
    const { scheduler, calls } = harness({ canSave: () => headline !== "" });
    scheduler.noteChange();
    await vi.advanceTimersByTimeAsync(30_000);
    expect(calls).toHaveLength(0);
    expect(scheduler.status().state).toBe("unsaved");
    headline = "Now there is one";
    scheduler.noteChange();
    await vi.advanceTimersByTimeAsync(2_000);
    expect(calls).toHaveLength(1);
  });

  it("reports status changes, not keystrokes", async () => {
    const { scheduler, statuses } = harness();
    for (let i = 0; i < 50; i++) scheduler.noteChange();
    expect(statuses).toEqual(["unsaved"]);
  });
});
