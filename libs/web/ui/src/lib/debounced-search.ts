import { DestroyRef, inject } from '@angular/core';
import { Subject, debounceTime, distinctUntilChanged, map } from 'rxjs';

/**
 * A search box that searches once typing settles: returns the handler for the box's `(input)` event;
 * `apply` gets the trimmed text `waitMs` after the last key, and not again for the same text. Call in an
 * injection context (a field initializer or constructor) or pass `destroyRef`: nothing is applied after destroy.
 *
 * ```ts
 * protected readonly onSearch = debouncedSearch((text) => { this.query.set(text); this.people.reload(); });
 * ```
 * ```html
 * <input type="search" (input)="onSearch($event)" />
 * ```
 */
export function debouncedSearch(
  apply: (text: string) => void,
  waitMs: number,
  destroyRef: DestroyRef = inject(DestroyRef),
): (event: Event) => void {
  const typed = new Subject<string>();
  const subscription = typed.pipe(map((text) => text.trim()), debounceTime(waitMs), distinctUntilChanged()).subscribe(apply);
  destroyRef.onDestroy(() => subscription.unsubscribe());
  return (event) => typed.next((event.target as HTMLInputElement).value);
}
