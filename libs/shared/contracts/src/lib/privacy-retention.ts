/**
 * Retention by policy (issue 13 §3) and the privacy page (§5).
 *
 * The rules, applied by the daily run as of its date in the career center's time zone:
 * - reflections (the answers, evidence and contact snapshot of every submitted version, a task's
 *   draft and the advisor's review comment) are blanked `reflectionsMonths` after the cohort of the
 *   task ends (`cohorts.ends_on`; work outside any cohort follows the student's last cohort); the
 *   task row and its status stay, so the dashboards' counts remain, anonymous;
 * - a student's contacts and their interactions are deleted `reflectionsMonths` after the student's
 *   last cohort ends;
 * - a student's account is erased `accountsMonths` after their last cohort ends when they are in no
 *   cohort without an end date and have had no activity since that day;
 * - audit events are deleted `auditMonths` after they happened.
 * A student in no cohort, or in a cohort without an end date, keeps everything.
 */
export interface RetentionPolicy {
  /** Months after a cohort ends that its reflections, and its students' contacts, are kept. */
  reflectionsMonths: number;
  /** Months after a student's last cohort ends that an inactive account is kept. */
  accountsMonths: number;
  /** Months an audit event is kept. */
  auditMonths: number;
}

export const RETENTION_DEFAULTS: RetentionPolicy = { reflectionsMonths: 36, accountsMonths: 36, auditMonths: 84 };

/** Every retention period is a whole number of months in this range. */
export const RETENTION_MONTHS = { min: 1, max: 240 } as const;

/** What one run deletes (or would delete). */
export interface RetentionCounts {
  /** Inactive student accounts erased. */
  accounts: number;
  /** Submitted reflection versions blanked. */
  reflections: number;
  contacts: number;
  interactions: number;
  auditEvents: number;
}

export const RETENTION_COUNT_KEYS = ['accounts', 'reflections', 'contacts', 'interactions', 'auditEvents'] as const satisfies readonly (keyof RetentionCounts)[];

/** `GET /api/tenant/retention-preview`: what the next run would delete, and what would be due 30 days later. */
export interface RetentionPreview {
  policy: RetentionPolicy;
  /** When the next daily run starts (ISO time). */
  nextRunAt: string;
  /** What the next run would delete if nothing changes before it. */
  nextRun: RetentionCounts;
  /** Thirty days after the next run (ISO time). */
  inThirtyDaysAt: string;
  /** Everything due by then (including the next run's part), if nothing changes before it. */
  inThirtyDays: RetentionCounts;
}

/** `GET /api/privacy/{tenantSlug}` (public): the career center's privacy page, from its settings. */
export interface PrivacyPolicy {
  careerCenter: string;
  slug: string;
  timezone: string;
  retention: RetentionPolicy;
}

/** The counts in plain words: "212 accounts, 3,140 reflections" (or "nothing to delete"). */
export function describeRetentionCounts(counts: RetentionCounts, locale = 'en-US'): string {
  const words: [keyof RetentionCounts, string, string][] = [
    ['accounts', 'account', 'accounts'],
    ['reflections', 'reflection', 'reflections'],
    ['contacts', 'contact', 'contacts'],
    ['interactions', 'interaction', 'interactions'],
    ['auditEvents', 'audit event', 'audit events'],
  ];
  const parts = words
    .filter(([key]) => counts[key] > 0)
    .map(([key, one, many]) => `${counts[key].toLocaleString(locale)} ${counts[key] === 1 ? one : many}`);
  return parts.length ? parts.join(', ') : 'nothing to delete';
}
