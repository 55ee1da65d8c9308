import type { RubricCriterion } from '@fieldwork/contracts';

/** Criterion key → index of the chosen level. */
export type RubricSelection = Record<string, number | null | undefined>;

/** Highest points one can get: the best level of every criterion. */
export function rubricMaxPoints(rubric: readonly RubricCriterion[] | null | undefined): number {
  return (rubric ?? []).reduce(
    (sum, criterion) => sum + (criterion.levels.length ? Math.max(...criterion.levels.map((l) => l.points)) : 0),
    0,
  );
}

/** Criterion key → points of the chosen level, for the chosen criteria only. */
export function rubricScores(
  rubric: readonly RubricCriterion[] | null | undefined,
  selection: RubricSelection,
): Record<string, number> {
  const scores: Record<string, number> = {};
  for (const criterion of rubric ?? []) {
    const index = selection[criterion.key];
    const level = index === null || index === undefined ? undefined : criterion.levels[index];
    if (level) scores[criterion.key] = level.points;
  }
  return scores;
}

/** The live total of the chosen levels. */
export function rubricTotal(
  rubric: readonly RubricCriterion[] | null | undefined,
  selection: RubricSelection,
): number {
  return Object.values(rubricScores(rubric, selection)).reduce((sum, points) => sum + points, 0);
}

/** Criteria that have no level chosen yet. */
export function unscoredCriteria(
  rubric: readonly RubricCriterion[] | null | undefined,
  selection: RubricSelection,
): RubricCriterion[] {
  const scores = rubricScores(rubric, selection);
  return (rubric ?? []).filter((criterion) => !(criterion.key in scores));
}

/** The selection that matches saved scores (first level with those points). */
export function selectionFromScores(
  rubric: readonly RubricCriterion[] | null | undefined,
  scores: Record<string, number> | null | undefined,
): RubricSelection {
  const selection: RubricSelection = {};
  for (const criterion of rubric ?? []) {
    const points = scores?.[criterion.key];
    if (points === undefined) continue;
    const index = criterion.levels.findIndex((level) => level.points === points);
    if (index >= 0) selection[criterion.key] = index;
  }
  return selection;
}
