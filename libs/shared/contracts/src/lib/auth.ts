import type { PrincipalRole, Role } from './roles';

export interface TenantRef {
  id: string;
  slug: string;
  name: string;
  /** IANA time zone: every due date and time is the career center's. */
  timezone: string;
}

/** The signed-in principal, as `GET /api/me` and the login answer describe it. */
export interface Me {
  id: string;
  email: string;
  name: string;
  role: PrincipalRole;
  /** null for operators, who belong to no tenant. */
  tenant: TenantRef | null;
}

export interface LoginRequest {
  /** Tenant slug; omitted by operators. */
  tenant?: string;
  email: string;
  password: string;
}

export interface AccessTokenResponse {
  accessToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
  user: Me;
}

export interface AcceptInvitationRequest {
  token: string;
  name: string;
  password: string;
}

export const PASSWORD_MIN_LENGTH = 12;
export const REFRESH_COOKIE = 'fw_refresh';

export interface InvitationRequest {
  email: string;
  name: string;
  role: Role;
}

export interface InvitationResponse {
  id: string;
  email: string;
  role: Role;
  token: string;
  inviteUrl: string;
  expiresAt: string;
}

/** What the accept-invitation page shows before the invitee chooses a password. */
export interface InvitationPreview {
  email: string;
  name: string;
  role: Role;
  tenant: TenantRef;
  expiresAt: string;
}
