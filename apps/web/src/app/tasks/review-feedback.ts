import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import type { Review, RubricCriterion } from '@fieldwork/contracts';
import { TenantTime } from '@fieldwork/web-core';
import { FwStatusBadge } from '@fieldwork/web-ui';

interface ScoreRow {
  key: string;
  label: string;
  level: string | null;
  points: number;
  max: number;
}

/** An advisor's review: decision, comment, rubric scores and total. */
@Component({
  selector: 'app-review-feedback',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FwStatusBadge],
  template: `
    @let r = review();
    <p class="decision">
      @if (showDecision()) {
        <fw-status-badge
          [tone]="r.decision === 'approve' ? 'task-approved' : 'task-revision-requested'"
          [label]="r.decision === 'approve' ? 'Approved' : 'Revision requested'"
        />
      }
      <span class="muted">by {{ r.reviewer.name }} · {{ when() }}</span>
    </p>
    @if (r.comment) {
      <blockquote class="comment">{{ r.comment }}</blockquote>
    }
    @if (scores().length) {
      <p class="scores-title">Rubric scores</p>
      <ul class="scores">
        @for (row of scores(); track row.key) {
          <li>
            <span class="criterion">{{ row.label }}</span>
            <span class="points">{{ row.points }}{{ row.max ? ' / ' + row.max : '' }} {{ row.points === 1 && !row.max ? 'point' : 'points' }}</span>
            @if (row.level) {
              <span class="level muted">{{ row.level }}</span>
            }
          </li>
        }
      </ul>
    }
    @if (r.totalPoints !== null) {
      <p class="total"><strong>Total: {{ r.totalPoints }}{{ maxTotal() ? ' / ' + maxTotal() : '' }} points</strong></p>
    }
  `,
  styles: `
    .decision {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem 0.75rem;
      align-items: center;
    }
    .comment {
      margin: 0 0 0.75rem;
      padding: 0.5rem 0.875rem;
      border-left: 4px solid var(--fw-border-strong);
      background: var(--fw-surface);
      white-space: pre-wrap;
    }
    .scores-title {
      margin: 0 0 0.25rem;
      font-weight: 600;
    }
    .scores {
      margin: 0 0 0.5rem;
      padding: 0;
      list-style: none;
    }
    .scores li {
      display: grid;
      grid-template-columns: minmax(0, 1fr) auto;
      gap: 0 1rem;
      padding: 0.375rem 0;
      border-bottom: 1px solid var(--fw-border);
      overflow-wrap: break-word;
    }
    .points {
      white-space: nowrap;
      font-weight: 600;
    }
    .level {
      grid-column: 1 / -1;
      font-size: 0.925rem;
    }
    .total {
      margin: 0 0 0.5rem;
    }
  `,
})
export class ReviewFeedback {
  readonly review = input.required<Review>();
  readonly rubric = input<RubricCriterion[] | null>(null);
  /** Off where a heading already says the decision. */
  readonly showDecision = input(true);

  private readonly time = inject(TenantTime);
  protected readonly when = computed(() => this.time.format(this.review().createdAt));

  protected readonly scores = computed<ScoreRow[]>(() => {
    const scores = this.review().rubricScores ?? {};
    const rubric = this.rubric() ?? [];
    const rows: ScoreRow[] = [];
    for (const criterion of rubric) {
      if (!(criterion.key in scores)) continue;
      const points = scores[criterion.key];
      rows.push({
        key: criterion.key,
        label: criterion.label,
        level: criterion.levels.find((l) => l.points === points)?.label ?? null,
        points,
        max: Math.max(0, ...criterion.levels.map((l) => l.points)),
      });
    }
    for (const [key, points] of Object.entries(scores)) {
      if (!rubric.some((c) => c.key === key)) rows.push({ key, label: key, level: null, points, max: 0 });
    }
    return rows;
  });

  protected readonly maxTotal = computed(() =>
    (this.rubric() ?? []).reduce((sum, c) => sum + Math.max(0, ...c.levels.map((l) => l.points)), 0),
  );
}
