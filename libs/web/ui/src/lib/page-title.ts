import { inject } from '@angular/core';
import { Title } from '@angular/platform-browser';

/** A page's tab title: "<page> · Fieldwork" (the words the app's title strategy gives a route's `title`). */
export function fieldworkTitle(page: string | null | undefined): string {
  return page ? `${page} · Fieldwork` : 'Fieldwork';
}

/**
 * Sets the tab title of a page named after its record (a cohort, a student), once the record has loaded.
 * Call in an injection context:
 *
 * ```ts
 * private readonly setTitle = pageTitle();
 * … this.setTitle(cohort.name); // "Spring 2026 · Fieldwork"
 * ```
 */
export function pageTitle(): (page: string) => void {
  const title = inject(Title);
  return (page) => title.setTitle(fieldworkTitle(page));
}
