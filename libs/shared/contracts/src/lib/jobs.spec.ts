import { JOB_QUEUE, QUEUES } from './jobs';
import { ROLES, isRole } from './roles';

describe('contracts', () => {
  it('routes every job name to a known queue', () => {
    const queues = Object.values(QUEUES);
    for (const queue of Object.values(JOB_QUEUE)) expect(queues).toContain(queue);
  });

  it('recognises exactly the three tenant roles', () => {
    expect(ROLES).toEqual(['admin', 'advisor', 'student']);
    expect(isRole('advisor')).toBe(true);
    expect(isRole('operator')).toBe(false);
    expect(isRole(undefined)).toBe(false);
  });
});
