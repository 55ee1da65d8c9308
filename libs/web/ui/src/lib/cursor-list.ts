import { DestroyRef, Signal, computed, inject, signal } from '@angular/core';
import type { Page } from '@fieldwork/contracts';
import { Observable, Subscription } from 'rxjs';

/** Loads one page: the first when `cursor` is null, else the page after it. */
export type PageLoader<T> = (cursor: string | null) => Observable<Page<T>>;

export interface CursorListOptions<T> {
  /** The words to show when a page fails to load (e.g. `(err) => readApiError(err, 'Could not load cohorts.').message`). */
  errorMessage?: (error: unknown) => string;
  /** Called after each page arrives (`appended` is false for the first page), e.g. to announce the count. */
  onPage?: (page: Page<T>, appended: boolean) => void;
  /** Stops the request in flight when this is destroyed; defaults to the current injection context's. */
  destroyRef?: DestroyRef;
}

/** A cursor-paginated list as signals, with "Load more". */
export interface CursorList<T> {
  /** Every row loaded so far. */
  readonly items: Signal<T[]>;
  /** A page (first or next) is on its way. */
  readonly loading: Signal<boolean>;
  /** The next page (not the first) is on its way: for the "Load more" button's label. */
  readonly loadingMore: Signal<boolean>;
  /** The first page has arrived at least once. */
  readonly loaded: Signal<boolean>;
  /** Why the last request failed, or null. */
  readonly error: Signal<string | null>;
  /** The server has another page. */
  readonly hasMore: Signal<boolean>;
  /** The cursor of the next page (null on the last page). */
  readonly nextCursor: Signal<string | null>;
  /** Loads the first page again (cancelling any request in flight) and replaces the rows. */
  reload(): void;
  /** Appends the next page; does nothing on the last page or while a page is loading. */
  loadMore(): void;
  /** Changes the loaded rows in place, e.g. after creating, editing or removing one. */
  replace(change: (items: T[]) => T[]): void;
  /** Cancels the request in flight. */
  stop(): void;
}

export const DEFAULT_LOAD_ERROR = 'Could not load the list. Please try again.';

/**
 * A signal-based cursor list over `load`. Nothing loads until `reload()` is called. Call it in an
 * injection context (a field initializer or constructor) or pass `destroyRef`.
 */
export function cursorList<T>(load: PageLoader<T>, options: CursorListOptions<T> = {}): CursorList<T> {
  const items = signal<T[]>([]);
  const nextCursor = signal<string | null>(null);
  const loading = signal(false);
  const loadingMore = signal(false);
  const loaded = signal(false);
  const error = signal<string | null>(null);
  let request: Subscription | null = null;

  const fetch = (cursor: string | null): void => {
    const appended = cursor !== null;
    request?.unsubscribe();
    loading.set(true);
    loadingMore.set(appended);
    error.set(null);
    request = load(cursor).subscribe({
      next: (page) => {
        items.update((current) => (appended ? [...current, ...page.items] : page.items));
        nextCursor.set(page.nextCursor);
        loading.set(false);
        loadingMore.set(false);
        loaded.set(true);
        options.onPage?.(page, appended);
      },
      error: (err: unknown) => {
        loading.set(false);
        loadingMore.set(false);
        error.set(options.errorMessage ? options.errorMessage(err) : DEFAULT_LOAD_ERROR);
      },
    });
  };

  const stop = (): void => {
    request?.unsubscribe();
    request = null;
  };
  (options.destroyRef ?? inject(DestroyRef)).onDestroy(stop);

  return {
    items: items.asReadonly(),
    loading: loading.asReadonly(),
    loadingMore: loadingMore.asReadonly(),
    loaded: loaded.asReadonly(),
    error: error.asReadonly(),
    nextCursor: nextCursor.asReadonly(),
    hasMore: computed(() => nextCursor() !== null),
    reload: () => fetch(null),
    loadMore: () => {
      const cursor = nextCursor();
      if (cursor !== null && !loading()) fetch(cursor);
    },
    replace: (change) => items.update(change),
    stop,
  };
}
