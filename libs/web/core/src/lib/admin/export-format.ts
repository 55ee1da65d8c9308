import {
  AUDIT_ACTION_LABELS,
  EXPORT_KIND_LABELS,
  isAuditAction,
  type AuditEvent,
  type ExportKind,
  type ExportStatus,
  type ExportSummary,
} from '@fieldwork/contracts';

export const EXPORT_KIND_NAMES: Record<ExportKind, string> = {
  'cohort-progress': 'Cohort progress',
  'network-summary': 'Network summary',
  reflections: 'Reflections',
};

export const EXPORT_STATUS_LABELS: Record<ExportStatus, string> = {
  queued: 'Queued',
  running: 'Running',
  done: 'Ready',
  failed: 'Failed',
  expired: 'Expired',
};

/** Still being written: the page polls these. */
export function isExportActive(summary: Pick<ExportSummary, 'status'>): boolean {
  return summary.status === 'queued' || summary.status === 'running';
}

/** 1234567 → "1.2 MB". */
export function fileSizeText(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined) return '—';
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

/** "12,000 rows", "1 row", or "—" before the count is known. */
export function rowCountText(summary: Pick<ExportSummary, 'status' | 'doneRows' | 'totalRows'>): string {
  const n = summary.status === 'done' || summary.status === 'expired' ? summary.totalRows : summary.totalRows === null ? null : summary.doneRows;
  if (n === null) return '—';
  const text = `${n.toLocaleString('en-US')} row${n === 1 ? '' : 's'}`;
  return isExportActive(summary) && summary.totalRows !== null ? `${text} of ${summary.totalRows.toLocaleString('en-US')}` : text;
}

export function exportKindLabel(kind: ExportKind): string {
  return EXPORT_KIND_LABELS[kind];
}

export function auditActionLabel(action: string): string {
  return isAuditAction(action) ? AUDIT_ACTION_LABELS[action] : action;
}

const DETAIL_NAMES: Record<string, string> = {
  kind: 'Export',
  cohortId: 'Cohort',
  title: 'Title',
  name: 'Name',
  changed: 'Changed',
  taskCount: 'Tasks',
  rows: 'Rows',
  reason: 'Reason',
  from: 'From',
  to: 'To',
  email: 'Email',
  role: 'Role',
};

/** An event's details in words: "Export: Cohort progress · Cohort: 1a2b…", known keys first. */
export function auditDetailsText(event: Pick<AuditEvent, 'details' | 'subjectType'>): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(event.details ?? {})) {
    if (value === null || value === undefined || value === '') continue;
    const name = DETAIL_NAMES[key] ?? key.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/^./, (c) => c.toUpperCase());
    parts.push(`${name}: ${detailValue(key, value)}`);
  }
  return parts.join(' · ');
}

function detailValue(key: string, value: unknown): string {
  if (key === 'kind' && typeof value === 'string' && value in EXPORT_KIND_NAMES) return EXPORT_KIND_NAMES[value as ExportKind];
  if (Array.isArray(value)) return value.map((item) => camelToWords(String(item))).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  if (typeof value === 'string' && /^[0-9a-f]{8}-[0-9a-f-]{27}$/i.test(value)) return `${value.slice(0, 8)}…`;
  return String(value);
}

function camelToWords(text: string): string {
  return text.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}
