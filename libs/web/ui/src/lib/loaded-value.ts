import { DestroyRef, Signal, WritableSignal, inject, signal } from '@angular/core';
import type { Observable, Subscription } from 'rxjs';

export interface LoadedValueOptions<T> {
  /** The value until the first load arrives (e.g. `[]`). */
  initial: T;
  /** Words for a failed load, e.g. `(err) => readApiError(err, 'Could not load your contacts.').message`. */
  errorMessage: (error: unknown) => string;
  /** Stops the request in flight when this is destroyed; defaults to the current injection context's. */
  destroyRef?: DestroyRef;
}

/** A value a page loads in one request (a whole list, settings), with its loading and error state. */
export interface LoadedValue<T> {
  /** The last value loaded; pages may update it after a change (a contact just added). */
  readonly value: WritableSignal<T>;
  /** True until the first load ends, and during each reload. */
  readonly loading: Signal<boolean>;
  /** Why the last load failed, or null. */
  readonly error: Signal<string | null>;
  /** Loads (again), cancelling a load in flight. */
  reload(): void;
}

/**
 * A value loaded by one request, e.g. a page's whole list (call in an injection context, or pass `destroyRef`):
 *
 * ```ts
 * protected readonly contacts = loadedValue(() => this.api.listAll(), {
 *   initial: [],
 *   errorMessage: (err) => readApiError(err, 'Could not load your contacts.').message,
 * });
 * constructor() { this.contacts.reload(); }
 * ```
 */
export function loadedValue<T>(load: () => Observable<T>, options: LoadedValueOptions<T>): LoadedValue<T> {
  const value = signal(options.initial);
  const loading = signal(true);
  const error = signal<string | null>(null);
  let request: Subscription | null = null;

  const reload = (): void => {
    request?.unsubscribe();
    loading.set(true);
    error.set(null);
    request = load().subscribe({
      next: (next) => {
        value.set(next);
        loading.set(false);
      },
      error: (err: unknown) => {
        loading.set(false);
        error.set(options.errorMessage(err));
      },
    });
  };
  (options.destroyRef ?? inject(DestroyRef)).onDestroy(() => request?.unsubscribe());

  return { value, loading: loading.asReadonly(), error: error.asReadonly(), reload };
}
