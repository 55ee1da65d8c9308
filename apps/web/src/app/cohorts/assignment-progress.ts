import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { TaskCounts } from '@fieldwork/contracts';
import { progressBreakdown } from '@fieldwork/web-core';

/** A stacked bar (approved / submitted / in progress / to do) with the same numbers in words. */
@Component({
  selector: 'app-assignment-progress',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let p = breakdown();
    <div class="stack-bar" aria-hidden="true">
      @for (s of p.segments; track s.key) {
        @if (s.count) {
          <span [class]="'stack-bar__seg stack-bar__seg--' + s.key" [style.width.%]="s.percent"></span>
        }
      }
    </div>
    <p class="stack-bar__headline">{{ p.headline }}</p>
    <ul class="stack-legend">
      @for (s of p.segments; track s.key) {
        <li><span [class]="'stack-legend__swatch stack-bar__seg--' + s.key" aria-hidden="true"></span>{{ s.count }} {{ s.label }}</li>
      }
      @if (p.excused) {
        <li>{{ p.excused }} excused</li>
      }
    </ul>
  `,
})
export class AssignmentProgress {
  readonly counts = input.required<TaskCounts>();
  protected readonly breakdown = computed(() => progressBreakdown(this.counts()));
}
