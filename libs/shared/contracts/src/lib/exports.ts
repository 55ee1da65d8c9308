/** What an export contains. */
export const EXPORT_KINDS = ['cohort-progress', 'network-summary', 'reflections'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

export const EXPORT_KIND_LABELS: Record<ExportKind, string> = {
  'cohort-progress': 'Cohort progress (a row per student and assignment)',
  'network-summary': 'Network summary (a row per student)',
  reflections: 'Reflections (latest submission per task)',
};

/** Kinds only admins may request (the reflections export is audited). */
export const ADMIN_ONLY_EXPORT_KINDS: readonly ExportKind[] = ['reflections'];

export const EXPORT_STATUSES = ['queued', 'running', 'done', 'failed', 'expired'] as const;
export type ExportStatus = (typeof EXPORT_STATUSES)[number];

/** How long a finished export's file is kept. */
export const EXPORT_RETENTION_DAYS = 7;

export interface CreateExportRequest {
  kind: ExportKind;
  /** Optional for admins (the whole career center); required for advisors. */
  cohortId?: string;
}

export interface CreateExportResponse {
  id: string;
}

export interface ExportSummary {
  id: string;
  kind: ExportKind;
  cohort: { id: string; name: string } | null;
  requestedBy: { id: string; name: string };
  status: ExportStatus;
  /** 0–100: rows written over rows counted; 100 once done. */
  percent: number;
  totalRows: number | null;
  doneRows: number;
  /** Bytes of the finished file. */
  fileSize: number | null;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
  expiresAt: string | null;
}

export interface ExportPage {
  items: ExportSummary[];
  nextCursor: string | null;
}
