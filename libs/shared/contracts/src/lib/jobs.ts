/**
 * Queue names and the typed payload of every job, in one registry.
 * Every job that touches tenant data carries `tenantId`; the processor
 * re-establishes the tenant context (row-level security) before it reads or writes.
 */
export const QUEUES = {
  maintenance: 'maintenance',
  notifications: 'notifications',
  exports: 'exports',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export interface JobPayloads {
  /** Scheduled daily: enqueues one `purge-expired-credentials` job per tenant (the only job without a tenant). */
  'sweep-tenants': Record<string, never>;
  /** Deletes a tenant's expired invitations and refresh tokens. */
  'purge-expired-credentials': { tenantId: string };
  /** Relayed from the outbox: tell every student of a new assignment. */
  'assignment-created': { tenantId: string; assignmentId: string };
  /** Relayed from the outbox: writes an export's CSV file (idempotent: a re-run rewrites it; a done export is left alone). */
  'run-export': { tenantId: string; exportId: string };
  /** Scheduled daily: enqueues one `expire-exports` job per tenant. */
  'sweep-expired-exports': Record<string, never>;
  /** Deletes a tenant's export files past their expiry and marks them expired. */
  'expire-exports': { tenantId: string };
}
export type JobName = keyof JobPayloads;
export type JobOf<N extends JobName> = JobPayloads[N];

export const JOB_QUEUE: Record<JobName, QueueName> = {
  'sweep-tenants': QUEUES.maintenance,
  'purge-expired-credentials': QUEUES.maintenance,
  'assignment-created': QUEUES.notifications,
  'run-export': QUEUES.exports,
  'sweep-expired-exports': QUEUES.exports,
  'expire-exports': QUEUES.exports,
};

/** Outbox topics, each relayed to the job that does its follow-up work. */
export const OUTBOX_TOPICS = {
  'assignment.created': 'assignment-created',
  'export.requested': 'run-export',
} as const satisfies Record<string, JobName>;
export type OutboxTopic = keyof typeof OUTBOX_TOPICS;
