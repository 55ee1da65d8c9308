import type { TaskCounts } from '@fieldwork/contracts';

export type ProgressKey = 'approved' | 'submitted' | 'in_progress' | 'to_do';

export interface ProgressSegment {
  key: ProgressKey;
  label: string;
  count: number;
  /** Share of the (non-excused) total, 0–100, unrounded: use as a CSS width. */
  percent: number;
}

export interface ProgressBreakdown {
  /** Students expected to do the work (excused tasks left out). */
  total: number;
  excused: number;
  segments: ProgressSegment[];
  /** "12 of 30 approved" */
  headline: string;
  /** "12 approved, 5 submitted, 3 in progress, 10 to do" (+ ", 2 excused") */
  detail: string;
}

/**
 * Assignment progress for a bar: approved, submitted (waiting for review),
 * in progress (started, or sent back for a revision) and to do, out of the
 * students who have to do it. Excused tasks count in none of these.
 */
export function progressBreakdown(counts: Partial<TaskCounts> | null | undefined): ProgressBreakdown {
  const n = (value: number | undefined) => (Number.isFinite(value) && (value ?? 0) > 0 ? Math.floor(value ?? 0) : 0);
  const approved = n(counts?.approved);
  const submitted = n(counts?.submitted);
  const inProgress = n(counts?.in_progress) + n(counts?.revision_requested);
  const excused = n(counts?.excused);
  const known = approved + submitted + inProgress + n(counts?.assigned);
  // Trust `total` when it is consistent; otherwise derive it from the parts.
  const reported = n(counts?.total) - excused;
  const total = Math.max(reported, known);
  const toDo = total - approved - submitted - inProgress;
  const pct = (count: number) => (total ? (count / total) * 100 : 0);
  const segments: ProgressSegment[] = [
    { key: 'approved', label: 'approved', count: approved, percent: pct(approved) },
    { key: 'submitted', label: 'submitted', count: submitted, percent: pct(submitted) },
    { key: 'in_progress', label: 'in progress', count: inProgress, percent: pct(inProgress) },
    { key: 'to_do', label: 'to do', count: toDo, percent: pct(toDo) },
  ];
  const headline = total ? `${approved} of ${total} approved` : 'No students yet';
  const parts = segments.map((s) => `${s.count} ${s.label}`);
  if (excused) parts.push(`${excused} excused`);
  return { total, excused, segments, headline, detail: parts.join(', ') };
}
