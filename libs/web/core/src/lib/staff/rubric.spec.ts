import type { RubricCriterion } from '@fieldwork/contracts';
import { rubricMaxPoints, rubricScores, rubricTotal, selectionFromScores, unscoredCriteria } from './rubric';

const rubric: RubricCriterion[] = [
  { key: 'insight', label: 'Insight', levels: [{ label: 'Thin', points: 0 }, { label: 'Solid', points: 2 }, { label: 'Deep', points: 4 }] },
  { key: 'next_steps', label: 'Next steps', levels: [{ label: 'None', points: 0 }, { label: 'Clear', points: 3 }] },
];

describe('rubric scoring', () => {
  it('totals the chosen levels live and knows the maximum', () => {
    expect(rubricMaxPoints(rubric)).toBe(7);
    expect(rubricTotal(rubric, {})).toBe(0);
    expect(rubricTotal(rubric, { insight: 1 })).toBe(2);
    expect(rubricTotal(rubric, { insight: 2, next_steps: 1 })).toBe(7);
    expect(rubricMaxPoints(null)).toBe(0);
  });

  it('sends points per criterion key, only for chosen criteria', () => {
    expect(rubricScores(rubric, { insight: 2, next_steps: null })).toEqual({ insight: 4 });
    expect(rubricScores(rubric, { insight: 9 })).toEqual({});
    expect(unscoredCriteria(rubric, { insight: 0 }).map((c) => c.key)).toEqual(['next_steps']);
  });

  it('finds the levels back from saved scores', () => {
    expect(selectionFromScores(rubric, { insight: 2, next_steps: 3, gone: 1 })).toEqual({ insight: 1, next_steps: 1 });
    expect(selectionFromScores(rubric, null)).toEqual({});
  });
});
