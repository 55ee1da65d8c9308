import { ChangeDetectionStrategy, Component, booleanAttribute, computed, input, output } from '@angular/core';

export type AlertKind = 'error' | 'success' | 'info' | 'warning';

/**
 * A message box at the top of a form or page. Errors are `role="alert"` (announced at once);
 * the other kinds are `role="status"`. With `dismissible`, a "Dismiss" button emits `dismissed`
 * (the page decides whether to hide the alert). With `retryable`, a "Try again" button under the
 * message emits `retry` (for "could not load" errors).
 */
@Component({
  selector: 'fw-alert',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: {
    '[class]': 'classes()',
    '[attr.role]': 'role()',
  },
  template: `
    <div class="fw-alert__body">
      <ng-content />
      @if (retryable()) {
        <p><button type="button" class="button button--secondary button--small" (click)="retry.emit()">{{ retryLabel() }}</button></p>
      }
    </div>
    @if (dismissible()) {
      <button type="button" class="button button--secondary fw-alert__dismiss" (click)="dismissed.emit()">
        {{ dismissLabel() }}
      </button>
    }
  `,
  styles: `
    :host {
      display: flex;
      flex-wrap: wrap;
      align-items: flex-start;
      gap: 0.5rem 1rem;
    }
    .fw-alert__body {
      flex: 1 1 16rem;
      min-width: 0;
    }
    .fw-alert__body > ::ng-deep :first-child {
      margin-top: 0;
    }
    .fw-alert__body > ::ng-deep :last-child {
      margin-bottom: 0;
    }
    :host(.alert--warning) {
      background: var(--fw-warning-soft);
      border-color: var(--fw-warning-text);
      color: var(--fw-warning-text);
    }
  `,
})
export class FwAlert {
  readonly kind = input<AlertKind>('info');
  readonly dismissible = input(false, { transform: booleanAttribute });
  readonly dismissLabel = input('Dismiss');
  readonly dismissed = output<void>();
  readonly retryable = input(false, { transform: booleanAttribute });
  readonly retryLabel = input('Try again');
  readonly retry = output<void>();

  protected readonly classes = computed(() => `alert alert--${this.kind()}`);
  protected readonly role = computed(() => (this.kind() === 'error' ? 'alert' : 'status'));
}
