import type { TenantExportSummary } from './privacy-offboarding';

export interface CreateTenantRequest {
  slug: string;
  name: string;
  timezone: string;
  adminEmail: string;
  adminName: string;
}

/** `active`; `closing`: an operator deleted it, sign-in is refused, it can be restored until `deleteAfter`; `deleting`: its rows are being deleted. */
export const TENANT_STATES = ['active', 'closing', 'deleting'] as const;
export type TenantState = (typeof TENANT_STATES)[number];

export interface TenantSummary {
  id: string;
  slug: string;
  name: string;
  timezone: string;
  createdAt: string;
  state: TenantState;
  /** When the operator closed it (null while active). */
  closedAt: string | null;
  /** When its data is deleted (null while active); it can be restored until then. */
  deleteAfter: string | null;
  /** The newest whole-tenant export, if any (its progress and download). */
  latestExport: TenantExportSummary | null;
}

export interface CreateTenantResponse {
  tenant: TenantSummary;
  adminInvitationToken: string;
  adminInviteUrl: string;
}
