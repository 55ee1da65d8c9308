/** The daily retention run: every day at 02:15 UTC (a quiet hour for the Americas and Europe). */
export const RETENTION_SCHEDULE = { id: 'daily-retention', hourUtc: 2, minuteUtc: 15 } as const;

export const RETENTION_CRON = `${RETENTION_SCHEDULE.minuteUtc} ${RETENTION_SCHEDULE.hourUtc} * * *`;

/** The first scheduled run strictly after `now`. */
export function nextRetentionRun(now: Date): Date {
  const next = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), RETENTION_SCHEDULE.hourUtc, RETENTION_SCHEDULE.minuteUtc));
  if (next.getTime() <= now.getTime()) next.setUTCDate(next.getUTCDate() + 1);
  return next;
}
