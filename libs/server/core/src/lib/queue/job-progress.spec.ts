import { isLastAttempt, progressEvery } from './job-progress';

describe('isLastAttempt', () => {
  it('counts the run under way against the attempts allowed', () => {
    expect(isLastAttempt({ attemptsMade: 0, opts: { attempts: 3 } })).toBe(false);
    expect(isLastAttempt({ attemptsMade: 1, opts: { attempts: 3 } })).toBe(false);
    expect(isLastAttempt({ attemptsMade: 2, opts: { attempts: 3 } })).toBe(true);
  });

  it('takes a job without attempts, or no job at all, as its only attempt', () => {
    expect(isLastAttempt({ attemptsMade: 0, opts: {} })).toBe(true);
    expect(isLastAttempt(undefined)).toBe(true);
  });
});

describe('progressEvery', () => {
  it('reports once progress has moved a step past the last report', async () => {
    const reports: number[] = [];
    const progress = progressEvery(10, async (done) => void reports.push(done));
    for (const done of [3, 9, 10, 15, 19, 20, 31]) await progress(done);
    expect(reports).toEqual([10, 20, 31]);
  });

  it('reports nothing of a build smaller than a step', async () => {
    const reports: number[] = [];
    const progress = progressEvery(2.5, async (done) => void reports.push(done));
    for (const done of [1, 2]) await progress(done);
    expect(reports).toEqual([]);
  });
});
