import type { Job } from 'bullmq';

/** A job as far as its attempts go (a job run by hand, without BullMQ, has none and counts as one attempt). */
export type AttemptedJob = Pick<Job, 'attemptsMade' | 'opts'>;

/** Whether a failure of this run is final: no further attempt of the job follows it. */
export function isLastAttempt(job?: AttemptedJob): boolean {
  return (job?.attemptsMade ?? 0) + 1 >= (job?.opts.attempts ?? 1);
}

/**
 * The progress callback of a long build (a file written row by row): passes `done` on to `report` only
 * once it has moved at least `step` past the last report, so the database sees a few writes, not one per row.
 */
export function progressEvery(step: number, report: (done: number) => Promise<void>): (done: number) => Promise<void> {
  let reported = 0;
  return async (done) => {
    if (done - reported < step) return;
    reported = done;
    await report(done);
  };
}
