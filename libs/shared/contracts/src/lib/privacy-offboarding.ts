/**
 * Offboarding a career center (operators only): a ZIP of every row of the tenant,
 * closing it (sign-in refused at once), restoring it within the grace period, and
 * deleting every row and file of it once the grace period has passed.
 */

export const TENANT_EXPORT_STATUSES = ['queued', 'running', 'done', 'failed', 'expired'] as const;
export type TenantExportStatus = (typeof TENANT_EXPORT_STATUSES)[number];

/** How long a finished tenant ZIP can be downloaded. */
export const TENANT_EXPORT_RETENTION_DAYS = 7;

/** What a signed-in person of a career center being closed is told (sign-in, refresh, every request). */
export const TENANT_CLOSING_MESSAGE = 'This career center is being closed.';

export interface CreateTenantExportResponse {
  id: string;
}

export interface TenantExportSummary {
  id: string;
  tenantId: string;
  status: TenantExportStatus;
  /** 0–100; 100 once the ZIP is written. */
  percent: number;
  /** Rows of every table counted when the export started (null before). */
  totalRows: number | null;
  doneRows: number;
  /** Bytes of the ZIP, once done. */
  fileSize: number | null;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
  /** When the download stops working (set once done). */
  expiresAt: string | null;
}

/** `DELETE /api/platform/tenants/:id`: the operator types the career center's slug to confirm. */
export interface DeleteTenantRequest {
  confirmSlug: string;
}

/** One table of a tenant ZIP's manifest.json. */
export interface TenantExportManifestTable {
  table: string;
  file: string;
  columns: string[];
  rows: number;
}

/** manifest.json of a tenant ZIP. */
export interface TenantExportManifest {
  tenant: { id: string; slug: string };
  createdAt: string;
  format: string;
  tables: TenantExportManifestTable[];
}

/** What the platform audit records about offboarding (never personal data: ids, a slug hash, counts). */
export const PLATFORM_AUDIT_ACTIONS = ['tenant.exported', 'tenant.export_downloaded', 'tenant.closed', 'tenant.restored', 'tenant.deleted'] as const;
export type PlatformAuditAction = (typeof PLATFORM_AUDIT_ACTIONS)[number];

/** 100 once the ZIP is written; while running, rows written over rows counted (at most 99: the file is not there yet). */
export function tenantExportPercent(status: TenantExportStatus, doneRows: number, totalRows: number | null): number {
  if (status === 'done' || status === 'expired') return 100;
  if (status !== 'running' || !totalRows) return 0;
  return Math.min(99, Math.floor((doneRows / totalRows) * 100));
}
