import { OPEN_TASK_STATUSES, TASK_STATUSES, isOpenTaskStatus } from './homework';

describe('open task statuses', () => {
  it('are the statuses a student still has work in', () => {
    expect([...OPEN_TASK_STATUSES]).toEqual(['assigned', 'in_progress', 'revision_requested']);
    for (const status of OPEN_TASK_STATUSES) expect(TASK_STATUSES).toContain(status);
  });

  it('tell open work from submitted, approved and excused work', () => {
    expect(TASK_STATUSES.filter(isOpenTaskStatus)).toEqual(['assigned', 'in_progress', 'revision_requested']);
    expect(isOpenTaskStatus('submitted')).toBe(false);
    expect(isOpenTaskStatus('approved')).toBe(false);
    expect(isOpenTaskStatus('excused')).toBe(false);
    expect(isOpenTaskStatus('open')).toBe(false);
  });
});
