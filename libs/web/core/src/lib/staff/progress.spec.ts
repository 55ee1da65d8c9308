import { progressBreakdown } from './progress';

describe('progressBreakdown', () => {
  it('splits a cohort into approved, submitted, in progress and to do', () => {
    const p = progressBreakdown({
      total: 30,
      assigned: 10,
      in_progress: 2,
      revision_requested: 1,
      submitted: 5,
      approved: 12,
      excused: 0,
    });
    expect(p.total).toBe(30);
    expect(p.segments.map((s) => [s.key, s.count])).toEqual([
      ['approved', 12],
      ['submitted', 5],
      ['in_progress', 3],
      ['to_do', 10],
    ]);
    expect(p.segments.reduce((sum, s) => sum + s.percent, 0)).toBeCloseTo(100);
    expect(p.segments[0].percent).toBeCloseTo(40);
    expect(p.headline).toBe('12 of 30 approved');
    expect(p.detail).toBe('12 approved, 5 submitted, 3 in progress, 10 to do');
  });

  it('leaves excused students out of the total and says so', () => {
    const p = progressBreakdown({ total: 10, assigned: 4, in_progress: 0, revision_requested: 0, submitted: 0, approved: 4, excused: 2 });
    expect(p.total).toBe(8);
    expect(p.headline).toBe('4 of 8 approved');
    expect(p.detail).toBe('4 approved, 0 submitted, 0 in progress, 4 to do, 2 excused');
    expect(p.segments.find((s) => s.key === 'approved')?.percent).toBe(50);
  });

  it('copes with no students and with inconsistent or missing counts', () => {
    const empty = progressBreakdown({ total: 0, assigned: 0, in_progress: 0, revision_requested: 0, submitted: 0, approved: 0, excused: 0 });
    expect(empty.headline).toBe('No students yet');
    expect(empty.segments.every((s) => s.percent === 0)).toBe(true);

    const low = progressBreakdown({ total: 2, approved: 3, assigned: 1 });
    expect(low.total).toBe(4);
    expect(low.segments.every((s) => s.count >= 0)).toBe(true);
    expect(progressBreakdown(null).total).toBe(0);
  });
});
