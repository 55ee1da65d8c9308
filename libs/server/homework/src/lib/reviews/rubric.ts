import type { FieldError, ReviewRequest, RubricCriterion } from '@fieldwork/contracts';

/** Checks a review against the assignment's rubric: each score must be one of its criterion's levels. */
export function reviewProblems(rubric: RubricCriterion[] | null, review: ReviewRequest): FieldError[] {
  const problems: FieldError[] = [];
  if (review.decision === 'revise' && !review.comment) {
    problems.push({ field: 'comment', problems: ['tell the student what to revise'] });
  }
  const scores = review.rubricScores ?? {};
  const criteria = new Map((rubric ?? []).map((criterion) => [criterion.key, criterion]));
  for (const [key, points] of Object.entries(scores)) {
    const criterion = criteria.get(key);
    if (!criterion) problems.push({ field: `rubricScores.${key}`, problems: ['is not a criterion of this rubric'] });
    else if (!criterion.levels.some((level) => level.points === points)) {
      problems.push({ field: `rubricScores.${key}`, problems: [`must be one of: ${criterion.levels.map((l) => l.points).join(', ')}`] });
    }
  }
  if (review.decision === 'approve') {
    for (const key of criteria.keys()) {
      if (!(key in scores)) problems.push({ field: `rubricScores.${key}`, problems: ['score every criterion before approving'] });
    }
  }
  return problems;
}

export function totalPoints(scores: Record<string, number> | undefined): number | null {
  if (!scores || !Object.keys(scores).length) return null;
  return Object.values(scores).reduce((sum, points) => sum + points, 0);
}
