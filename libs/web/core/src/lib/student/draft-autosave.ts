import { HttpErrorResponse } from '@angular/common/http';
import { signal } from '@angular/core';
import type { TaskDraft } from '@fieldwork/contracts';
import { Observable, Subscription } from 'rxjs';

/** Wait this long after the last change before saving. */
export const AUTOSAVE_DELAY_MS = 1000;
/** Back-off between retries after a failed save (the last one repeats). */
export const AUTOSAVE_RETRY_MS: readonly number[] = [2000, 5000, 10000, 30000];

export type AutosaveState =
  | { kind: 'idle' }
  | { kind: 'pending' }
  | { kind: 'saving' }
  | { kind: 'saved'; savedAt: string }
  /** A network or server failure: another attempt is scheduled. */
  | { kind: 'retrying'; attempt: number }
  /** The API refused the draft (not a passing failure): no retry until the next change. */
  | { kind: 'failed'; status: number }
  /** 409 / 404: the task can no longer be edited. Autosave stops. */
  | { kind: 'locked' };

export interface DraftAutosaveOptions {
  /** Sends the current form content; called at save time, so it always sends the latest. */
  save: () => Observable<TaskDraft>;
  onSaved?: (draft: TaskDraft) => void;
  onLocked?: (status: number) => void;
  /** The API refused the draft (e.g. 400 with field details); no retry until the next change. */
  onFailed?: (error: unknown) => void;
  delayMs?: number;
  retryMs?: readonly number[];
}

/**
 * Debounced draft saving: `changed()` after each edit saves once the student
 * pauses; `flush()` (on blur) saves straight away. One save is in flight at a
 * time; edits made meanwhile are saved right after. Passing failures retry
 * with back-off.
 */
export class DraftAutosave {
  private readonly stateSignal = signal<AutosaveState>({ kind: 'idle' });
  readonly state = this.stateSignal.asReadonly();

  private dirty = false;
  private failures = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private inFlight: Subscription | null = null;
  private stopped = false;
  private readonly delayMs: number;
  private readonly retryMs: readonly number[];

  constructor(private readonly options: DraftAutosaveOptions) {
    this.delayMs = options.delayMs ?? AUTOSAVE_DELAY_MS;
    this.retryMs = options.retryMs?.length ? options.retryMs : AUTOSAVE_RETRY_MS;
  }

  /** True while there are edits that are not saved yet (or a save is running). */
  get hasUnsavedChanges(): boolean {
    return this.dirty || this.inFlight !== null;
  }

  /** Call after every edit. */
  changed(): void {
    if (this.stopped) return;
    this.dirty = true;
    this.failures = 0;
    this.clearTimer();
    if (this.inFlight) return;
    this.stateSignal.set({ kind: 'pending' });
    this.timer = setTimeout(() => this.run(), this.delayMs);
  }

  /** Saves now if anything is unsaved (e.g. when a field loses focus). */
  flush(): void {
    if (this.stopped || !this.dirty || this.inFlight) return;
    this.clearTimer();
    this.run();
  }

  /** Stops scheduled saves and forgets an in-flight one (before submitting). `resume()` undoes it. */
  pause(): void {
    this.clearTimer();
    this.inFlight?.unsubscribe();
    this.inFlight = null;
    this.stopped = true;
  }

  resume(): void {
    if (this.stateSignal().kind === 'locked') return;
    this.stopped = false;
    if (this.dirty) this.changed();
  }

  /** For ngOnDestroy: saves pending edits one last time (fire and forget), then stops. */
  dispose(): void {
    const unsaved = this.dirty && !this.stopped && !this.inFlight;
    this.clearTimer();
    this.stopped = true;
    if (unsaved) this.options.save().subscribe({ error: () => undefined });
  }

  private run(): void {
    this.timer = null;
    if (this.stopped) return;
    this.dirty = false;
    this.stateSignal.set({ kind: 'saving' });
    this.inFlight = this.options.save().subscribe({
      next: (draft) => {
        this.inFlight = null;
        this.failures = 0;
        this.stateSignal.set({ kind: 'saved', savedAt: draft.savedAt ?? new Date().toISOString() });
        this.options.onSaved?.(draft);
        if (this.dirty && !this.stopped) {
          this.stateSignal.set({ kind: 'pending' });
          this.timer = setTimeout(() => this.run(), this.delayMs);
        }
      },
      error: (error: unknown) => {
        this.inFlight = null;
        const status = error instanceof HttpErrorResponse ? error.status : -1;
        if (status === 409 || status === 404) {
          this.stopped = true;
          this.stateSignal.set({ kind: 'locked' });
          this.options.onLocked?.(status);
          return;
        }
        this.dirty = true;
        if (isPassing(status)) {
          const wait = this.retryMs[Math.min(this.failures, this.retryMs.length - 1)];
          this.failures += 1;
          this.stateSignal.set({ kind: 'retrying', attempt: this.failures });
          this.timer = setTimeout(() => this.run(), wait);
        } else {
          this.stateSignal.set({ kind: 'failed', status });
          this.options.onFailed?.(error);
        }
      },
    });
  }

  private clearTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}

/** Network down, throttled, server trouble, or a session that is being refreshed. */
function isPassing(status: number): boolean {
  return status <= 0 || status === 401 || status === 408 || status === 429 || status >= 500;
}
