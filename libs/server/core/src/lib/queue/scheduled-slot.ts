import type { Job, JobsOptions } from 'bullmq';

/** A job as far as its slot goes: when it was made, and (for a job scheduler's job) the time it was planned for. */
export type ScheduledJob = Pick<Job, 'timestamp'> & { opts?: Pick<JobsOptions, 'prevMillis'> };

/**
 * The slot a scheduled scan is for. A job scheduler (upsertJobScheduler with a fixed
 * id) makes one job per planned time, whatever the number of workers upserting it;
 * that planned time is `opts.prevMillis`. A job made by hand (a test, a retry tool)
 * has none and counts as made at its timestamp. Keys derived from the slot (job ids of
 * the per-tenant jobs a scan queues) make a repeated scan of the same slot a no-op.
 */
export function scheduledSlot(job: ScheduledJob): Date {
  return new Date(job.opts?.prevMillis ?? job.timestamp);
}
