export interface CreateTenantRequest {
  slug: string;
  name: string;
  timezone: string;
  adminEmail: string;
  adminName: string;
}

export interface TenantSummary {
  id: string;
  slug: string;
  name: string;
  timezone: string;
  createdAt: string;
}

export interface CreateTenantResponse {
  tenant: TenantSummary;
  adminInvitationToken: string;
  adminInviteUrl: string;
}
