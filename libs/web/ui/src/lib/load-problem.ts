import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { RouterLink } from '@angular/router';
import { FwAlert } from './alert';
import type { RecordProblem } from './route-record';

/**
 * A record page whose record did not load: the heading says "not found" (404) or "couldn't load", the
 * message is an error (with "Try again" unless the record is missing), and a link leads back to the list.
 *
 * ```html
 * <fw-load-problem [problem]="problem" notFoundTitle="Task not found" failedTitle="Couldn’t load this task"
 *   backLink="/tasks" backLabel="Back to my tasks" (retry)="reload()" />
 * ```
 */
@Component({
  selector: 'fw-load-problem',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, FwAlert],
  host: { style: 'display: block' },
  template: `
    <div class="page-header">
      <h1>{{ problem().status === 404 ? notFoundTitle() : failedTitle() }}</h1>
    </div>
    <fw-alert kind="error" [retryable]="problem().status !== 404" (retry)="retry.emit()"><p>{{ problem().message }}</p></fw-alert>
    <p><a [routerLink]="backLink()">{{ backLabel() }}</a></p>
  `,
})
export class FwLoadProblem {
  readonly problem = input.required<RecordProblem>();
  readonly notFoundTitle = input.required<string>();
  readonly failedTitle = input.required<string>();
  readonly backLink = input.required<string>();
  readonly backLabel = input.required<string>();
  readonly retry = output<void>();
}
