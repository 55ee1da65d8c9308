/**
 * Queue names and the typed payload of every job, in one registry.
 * Every job that touches tenant data carries `tenantId`; the processor
 * re-establishes the tenant context (row-level security) before it reads or writes.
 */
export const QUEUES = {
  maintenance: 'maintenance',
  notifications: 'notifications',
  mail: 'mail',
  exports: 'exports',
  /** A person's copy of their data (ZIP). */
  dataExports: 'data-exports',
  /** Erasing an account once its deletion is approved. */
  erasure: 'erasure',
  /** The daily retention run. */
  retention: 'retention',
  /** Exporting and deleting a whole career center. */
  offboarding: 'offboarding',
  /** Re-reading SAML identity providers' metadata. */
  ssoMetadata: 'sso-metadata',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export interface JobPayloads {
  /** Scheduled daily: enqueues one `purge-expired-credentials` job per tenant (the only job without a tenant). */
  'sweep-tenants': Record<string, never>;
  /** Deletes a tenant's expired invitations and refresh tokens. */
  'purge-expired-credentials': { tenantId: string };
  /** Relayed from the outbox: tell every student of a new assignment. */
  'assignment-created': { tenantId: string; assignmentId: string };
  /** Relayed from the outbox: the open tasks of an assignment have a new due date. */
  'due-date-changed': { tenantId: string; assignmentId: string };
  /** Relayed from the outbox: a student submitted; reminders about that task stop. */
  'submission-submitted': { tenantId: string; taskId: string };
  /** Relayed from the outbox: an advisor approved a reflection or asked for a revision. */
  'review-decided': { tenantId: string; reviewId: string };
  /** Relayed from the outbox: a student logged an interaction with a contact. */
  'interaction-logged': { tenantId: string; interactionId: string };
  /** Relayed from the outbox: an advisor's nudge reaches each of its recipients (inbox and e-mail), exactly once. */
  'nudge-sent': { tenantId: string; nudgeId: string };
  /** Relayed from the outbox: these tasks got a per-student extension; their students hear the new date. */
  'tasks-extended': { tenantId: string; taskIds: string[] };
  /** Relayed from the outbox: someone was invited; their invitation e-mail is waiting to go out. */
  'user-invited': { tenantId: string; userIds: string[] };
  /** Scheduled every few minutes: one `remind-tenant` job per tenant for the slot. */
  'scan-reminders': Record<string, never>;
  /** Set-based reminder scans and the 08:00 digests of one tenant, as of `at` (ISO time). */
  'remind-tenant': { tenantId: string; at: string };
  /** Sends a tenant's pending e-mails (claimed in batches, each marked sent once delivered). */
  'send-emails': { tenantId: string };
  /** Relayed from the outbox: writes an export's CSV file (idempotent: a re-run rewrites it; a done export is left alone). */
  'run-export': { tenantId: string; exportId: string };
  /** Scheduled daily: enqueues one `expire-exports` job per tenant. */
  'sweep-expired-exports': Record<string, never>;
  /** Deletes a tenant's export files past their expiry and marks them expired. */
  'expire-exports': { tenantId: string };
  /** Relayed from the outbox: builds a person's "download my data" ZIP (idempotent). */
  'build-data-export': { tenantId: string; exportId: string };
  /** Scheduled daily: deletes every tenant's data-export ZIPs past their 7 days. */
  'sweep-data-exports': Record<string, never>;
  /** Relayed from the outbox: erases the account of an approved deletion request (idempotent). */
  'erase-user': { tenantId: string; requestId: string };
  /** Scheduled daily: one `apply-retention` job per tenant. */
  'scan-retention': Record<string, never>;
  /** Applies a tenant's retention policy as of `at` (ISO time), in batches, resumable. */
  'apply-retention': { tenantId: string; at: string };
  /** Relayed from the outbox: builds an operator's ZIP of every row of a tenant. */
  'build-tenant-export': { tenantId: string; exportId: string };
  /** Scheduled: deletes every tenant whose grace period after a deletion request has passed. */
  'scan-tenant-deletions': Record<string, never>;
  /** Deletes every row and file of one tenant (set-based, batched). */
  'delete-tenant': { tenantId: string };
  /** Scheduled daily: re-reads every career center's SAML metadata from its URL and drops spent sign-in requests. */
  'refresh-sso-metadata': Record<string, never>;
}
export type JobName = keyof JobPayloads;
export type JobOf<N extends JobName> = JobPayloads[N];

export const JOB_QUEUE: Record<JobName, QueueName> = {
  'sweep-tenants': QUEUES.maintenance,
  'purge-expired-credentials': QUEUES.maintenance,
  'assignment-created': QUEUES.notifications,
  'due-date-changed': QUEUES.notifications,
  'submission-submitted': QUEUES.notifications,
  'review-decided': QUEUES.notifications,
  'interaction-logged': QUEUES.notifications,
  'user-invited': QUEUES.notifications,
  'nudge-sent': QUEUES.notifications,
  'tasks-extended': QUEUES.notifications,
  'scan-reminders': QUEUES.notifications,
  'remind-tenant': QUEUES.notifications,
  'send-emails': QUEUES.mail,
  'run-export': QUEUES.exports,
  'sweep-expired-exports': QUEUES.exports,
  'expire-exports': QUEUES.exports,
  'build-data-export': QUEUES.dataExports,
  'sweep-data-exports': QUEUES.dataExports,
  'erase-user': QUEUES.erasure,
  'scan-retention': QUEUES.retention,
  'apply-retention': QUEUES.retention,
  'build-tenant-export': QUEUES.offboarding,
  'scan-tenant-deletions': QUEUES.offboarding,
  'delete-tenant': QUEUES.offboarding,
  'refresh-sso-metadata': QUEUES.ssoMetadata,
};

/** Outbox topics, each relayed to the job that does its follow-up work. */
export const OUTBOX_TOPICS = {
  'assignment.created': 'assignment-created',
  'assignment.due_date_changed': 'due-date-changed',
  'submission.submitted': 'submission-submitted',
  'review.decided': 'review-decided',
  'interaction.logged': 'interaction-logged',
  'user.invited': 'user-invited',
  'nudge.sent': 'nudge-sent',
  'task.extended': 'tasks-extended',
  'export.requested': 'run-export',
  'data_export.requested': 'build-data-export',
  'deletion.approved': 'erase-user',
  'tenant_export.requested': 'build-tenant-export',
} as const satisfies Record<string, JobName>;
export type OutboxTopic = keyof typeof OUTBOX_TOPICS;
