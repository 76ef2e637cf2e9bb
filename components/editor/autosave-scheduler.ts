/**
 * When to save, independent of React and of what is saved: the editor reports changes, the
 * scheduler decides when to call `save` and what the status line says.
 *
 * - 2 s after typing pauses, and at least every 10 s while typing goes on;
 * - one save in flight at a time, and each save sends the latest text (a failed save is not
 *   replayed: its text is superseded), so a queue of saves is really "the newest draft";
 * - network or server failures retry with exponential backoff, and at once when the browser
 *   comes back online;
 * - a refused save (invalid input) waits for the next change instead of hammering the server;
 * - a conflict or a lost permission stops autosaving until the editor resolves it.
 */

export type SaveKind = "manual" | "autosave";

export type SaveOutcome =
  | { type: "saved" }
  | { type: "invalid"; message: string }
  | { type: "conflict" }
  | { type: "blocked"; message: string }
  | { type: "failed" };

export type AutosaveStatus =
  | { state: "saved" }
  | { state: "unsaved"; problem: string | null }
  | { state: "saving" }
  | { state: "retrying"; retryAt: number; attempt: number }
  | { state: "conflict" }
  | { state: "blocked"; message: string };

export type AutosaveOptions = {
  /** Performs one save of the current draft. Must not throw; map errors to `failed`. */
  save: (kind: SaveKind) => Promise<SaveOutcome>;
  onStatus?: (status: AutosaveStatus) => void;
  /** Nothing may be saved yet (a new story without a headline): changes wait. */
  canSave?: () => boolean;
  pauseMs?: number;
  maxWaitMs?: number;
  retryBaseMs?: number;
  retryMaxMs?: number;
  now?: () => number;
};

export const AUTOSAVE_PAUSE_MS = 2_000;
export const AUTOSAVE_MAX_WAIT_MS = 10_000;
const RETRY_BASE_MS = 1_000;
const RETRY_MAX_MS = 30_000;

export class AutosaveScheduler {
  private changeSeq = 0;
  private savedSeq = 0;
  private firstUnsavedAt: number | null = null;
  private inFlight = false;
  private manualQueued = false;
  private debounceTimer: ReturnType<typeof setTimeout> | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private retryAt = 0;
  private attempt = 0;
  private retryKind: SaveKind = "autosave";
  private invalidAtSeq: number | null = null;
  private problem: string | null = null;
  private conflict = false;
  private blockedMessage: string | null = null;
  private halted = false;
  private lastStatusKey = "";
  private readonly opts: Required<Omit<AutosaveOptions, "onStatus" | "canSave">> & Pick<AutosaveOptions, "onStatus" | "canSave">;

  constructor(options: AutosaveOptions) {
    this.opts = {
      pauseMs: AUTOSAVE_PAUSE_MS,
      maxWaitMs: AUTOSAVE_MAX_WAIT_MS,
      retryBaseMs: RETRY_BASE_MS,
      retryMaxMs: RETRY_MAX_MS,
      now: () => Date.now(),
      ...options,
    };
  }

  /** True while some change has not reached the server. */
  get dirty(): boolean {
    return this.changeSeq > this.savedSeq;
  }

  get busy(): boolean {
    return this.inFlight;
  }

  status(): AutosaveStatus {
    if (this.blockedMessage !== null) return { state: "blocked", message: this.blockedMessage };
    if (this.conflict) return { state: "conflict" };
    if (this.inFlight) return { state: "saving" };
    if (this.retryTimer !== null) return { state: "retrying", retryAt: this.retryAt, attempt: this.attempt };
    if (this.dirty) return { state: "unsaved", problem: this.problem };
    return { state: "saved" };
  }

  /** The writer changed something. Cheap: called on every keystroke. */
  noteChange(): void {
    this.changeSeq++;
    if (this.firstUnsavedAt === null) this.firstUnsavedAt = this.opts.now();
    this.schedule();
    this.emit();
  }

  /** Ctrl+S or the Save button: save now (after the one in flight, if any). */
  saveNow(): void {
    // During a conflict the base version is stale: saving would only conflict again.
    if (this.halted || this.blockedMessage !== null || this.conflict) return;
    if (this.inFlight) {
      this.manualQueued = true;
      return;
    }
    void this.run("manual");
  }

  /** The browser is back online: a waiting retry goes now. */
  retryNow(): void {
    if (this.retryTimer === null || this.inFlight) return;
    this.clearRetry();
    void this.run(this.retryKind);
  }

  /** Everything the editor shows is what the server has (after "take theirs", or a restore). */
  markSaved(): void {
    this.savedSeq = this.changeSeq;
    this.firstUnsavedAt = null;
    this.problem = null;
    this.invalidAtSeq = null;
    this.clearTimers();
    this.emit();
  }

  /** The conflict is dealt with; saving may resume (the caller has moved its base version). */
  resolveConflict(): void {
    this.conflict = false;
    this.emit();
    if (this.dirty) this.schedule();
  }

  /** (Re)starts after `halt` — React mounts effects twice in development. */
  start(): void {
    this.halted = false;
    if (this.dirty) this.schedule();
  }

  /** Stop (the page is being left, or handed over to another editor instance). */
  halt(): void {
    this.halted = true;
    this.clearTimers();
  }

  dispose(): void {
    this.halt();
    this.opts.onStatus = undefined;
  }

  private schedule(): void {
    if (this.halted || this.conflict || this.blockedMessage !== null || this.inFlight || this.retryTimer !== null) return;
    if (!this.dirty) return;
    if (this.invalidAtSeq !== null && this.changeSeq <= this.invalidAtSeq) return;
    if (this.opts.canSave && !this.opts.canSave()) return;
    const now = this.opts.now();
    const deadline = (this.firstUnsavedAt ?? now) + this.opts.maxWaitMs;
    const delay = Math.max(0, Math.min(this.opts.pauseMs, deadline - now));
    if (this.debounceTimer !== null) clearTimeout(this.debounceTimer);
    this.debounceTimer = setTimeout(() => {
      this.debounceTimer = null;
      void this.run("autosave");
    }, delay);
  }

  private async run(kind: SaveKind): Promise<void> {
    if (this.halted || this.inFlight) return;
    this.clearTimers();
    this.inFlight = true;
    const seq = this.changeSeq;
    this.emit();
    let outcome: SaveOutcome;
    try {
      outcome = await this.opts.save(kind);
    } catch {
      outcome = { type: "failed" };
    }
    this.inFlight = false;
    if (this.halted) return;
    const manualNext = this.manualQueued;
    this.manualQueued = false;

    switch (outcome.type) {
      case "saved":
        this.savedSeq = Math.max(this.savedSeq, seq);
        this.attempt = 0;
        this.problem = null;
        this.invalidAtSeq = null;
        // Changes typed while the save was in flight start a new 10 s window now.
        this.firstUnsavedAt = this.dirty ? this.opts.now() : null;
        if (manualNext) {
          this.emit();
          return this.run("manual");
        }
        this.schedule();
        break;
      case "failed": {
        this.attempt++;
        this.retryKind = kind === "manual" || manualNext ? "manual" : "autosave";
        const exp = Math.min(this.opts.retryMaxMs, this.opts.retryBaseMs * 2 ** (this.attempt - 1));
        // Jitter keeps a newsroom's worth of tabs from retrying in lockstep after an outage.
        const delay = Math.round(exp * (0.8 + Math.random() * 0.4));
        this.retryAt = this.opts.now() + delay;
        this.retryTimer = setTimeout(() => {
          this.retryTimer = null;
          void this.run(this.retryKind);
        }, delay);
        break;
      }
      case "invalid":
        this.attempt = 0;
        this.problem = outcome.message;
        this.invalidAtSeq = this.changeSeq;
        break;
      case "conflict":
        this.attempt = 0;
        this.conflict = true;
        break;
      case "blocked":
        this.blockedMessage = outcome.message;
        break;
    }
    this.emit();
  }

  private clearRetry(): void {
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private clearTimers(): void {
    if (this.debounceTimer !== null) clearTimeout(this.debounceTimer);
    this.debounceTimer = null;
    this.clearRetry();
  }

  private emit(): void {
    const status = this.status();
    // Keystrokes must not re-render React: only a change of status is reported.
    const key = JSON.stringify(status);
    if (key === this.lastStatusKey) return;
    this.lastStatusKey = key;
    this.opts.onStatus?.(status);
  }
}
