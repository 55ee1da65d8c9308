import { RETENTION_CRON, nextRetentionRun } from './retention-schedule';

describe('nextRetentionRun', () => {
  it('is today at 02:15 UTC before that time, tomorrow from then on', () => {
    expect(nextRetentionRun(new Date('2027-03-14T01:00:00Z')).toISOString()).toBe('2027-03-14T02:15:00.000Z');
    expect(nextRetentionRun(new Date('2027-03-14T02:15:00Z')).toISOString()).toBe('2027-03-15T02:15:00.000Z');
    expect(nextRetentionRun(new Date('2027-12-31T23:59:00Z')).toISOString()).toBe('2028-01-01T02:15:00.000Z');
  });

  it('matches the cron pattern of the job scheduler', () => {
    expect(RETENTION_CRON).toBe('15 2 * * *');
  });
});
