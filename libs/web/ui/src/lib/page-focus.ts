import { ElementRef, Injector, afterNextRender, inject } from '@angular/core';
import type { AbstractControl } from '@angular/forms';
import { canSubmit, focusAfterRender, focusFirstInvalid } from './forms';

/** `canSubmit`, `focusFirstInvalid` and `focusAfterRender` for one component, which need its element and injector. */
export interface PageFocus {
  /** False while the form is invalid (focusing its first invalid field) or a request is pending. */
  canSubmit(form: AbstractControl, pending: boolean): boolean;
  /** After the next render, focuses the first field marked invalid (e.g. after the server's field errors). */
  firstInvalid(): void;
  /** After the next render, focuses the first element matching `selector` (a notice or heading that just appeared). */
  after(selector: string): void;
  /** After the next render, focuses the first match of the first selector that matches anything (a field marked invalid, else the error box). */
  firstOf(...selectors: string[]): void;
}

/**
 * The component's focus moves, its element and injector taken once (call in an injection context):
 *
 * ```ts
 * private readonly focus = pageFocus();
 * submit() { if (!this.focus.canSubmit(this.form, this.pending())) return; … }
 * ```
 */
export function pageFocus(): PageFocus {
  const host = inject<ElementRef<HTMLElement>>(ElementRef);
  const injector = inject(Injector);
  return {
    canSubmit: (form, pending) => canSubmit(form, pending, host, injector),
    firstInvalid: () => focusFirstInvalid(host, injector),
    after: (selector) => focusAfterRender(host, injector, selector),
    firstOf: (...selectors) =>
      afterNextRender(
        () => {
          for (const selector of selectors) {
            const found = host.nativeElement.querySelector<HTMLElement>(selector);
            if (found) return found.focus();
          }
        },
        { injector },
      ),
  };
}
