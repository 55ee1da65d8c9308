import { DestroyRef, Signal, WritableSignal, inject, signal } from '@angular/core';
import { ActivatedRoute } from '@angular/router';
import { Observable, Subscription, map } from 'rxjs';

/** Why a record did not load: its words, and the HTTP status (as `readApiError` in web-core gives them). */
export interface RecordProblem {
  message: string;
  status: number;
}

export interface RouteRecordOptions<T> {
  /** Words for a failed load, e.g. `(err) => readApiError(err, 'Could not load this cohort.')`. */
  problem: (error: unknown) => RecordProblem;
  /** Statuses that mean "no such record (for you)"; default 404. */
  notFoundStatuses?: readonly number[];
  /** Called with each record that arrives, e.g. to set the page title. */
  loaded?: (value: T) => void;
  /** The route parameter naming the record; default `id`. */
  param?: string;
}

/** The record a page shows, loaded again whenever the route's parameter changes. */
export interface RouteRecord<T> {
  /** The route parameter's current value. */
  readonly id: Signal<string>;
  /** The record; null until it arrives (and again while another one loads). Pages may update it after an edit. */
  readonly value: WritableSignal<T | null>;
  readonly loading: Signal<boolean>;
  /** Why the last load failed, or null. */
  readonly error: Signal<string | null>;
  /** The last load failed with a "not found" status. */
  readonly notFound: Signal<boolean>;
  /** Loads the record again (cancels a load in flight). */
  reload(): void;
}

/**
 * A page's one record named by its route (`/cohorts/:id`): call in an injection context.
 *
 * ```ts
 * protected readonly cohort = routeRecord((id) => this.api.get(id), {
 *   problem: (err) => readApiError(err, 'Could not load this cohort.'),
 *   loaded: (cohort) => this.title.setTitle(`${cohort.name} · Fieldwork`),
 * });
 * ```
 */
export function routeRecord<T>(load: (id: string) => Observable<T>, options: RouteRecordOptions<T>): RouteRecord<T> {
  const id = signal('');
  const value = signal<T | null>(null);
  const loading = signal(true);
  const error = signal<string | null>(null);
  const notFound = signal(false);
  let request: Subscription | null = null;

  const reload = (): void => {
    request?.unsubscribe();
    loading.set(true);
    error.set(null);
    notFound.set(false);
    request = load(id()).subscribe({
      next: (record) => {
        value.set(record);
        loading.set(false);
        options.loaded?.(record);
      },
      error: (err: unknown) => {
        const problem = options.problem(err);
        loading.set(false);
        notFound.set((options.notFoundStatuses ?? [404]).includes(problem.status));
        error.set(problem.message);
      },
    });
  };

  const route = inject(ActivatedRoute)
    .paramMap.pipe(map((params) => params.get(options.param ?? 'id') ?? ''))
    .subscribe((next) => {
      id.set(next);
      value.set(null);
      reload();
    });
  inject(DestroyRef).onDestroy(() => {
    route.unsubscribe();
    request?.unsubscribe();
  });

  return {
    id: id.asReadonly(),
    value,
    loading: loading.asReadonly(),
    error: error.asReadonly(),
    notFound: notFound.asReadonly(),
    reload,
  };
}
