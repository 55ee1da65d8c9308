import type { Role } from '@fieldwork/contracts';

/** A signed-in user of one tenant. Services take it as their first argument. */
export interface UserAuth {
  kind: 'user';
  userId: string;
  tenantId: string;
  role: Role;
}

/** Platform staff: may manage tenants, never sees tenant data. */
export interface OperatorAuth {
  kind: 'operator';
  operatorId: string;
}

export type Principal = UserAuth | OperatorAuth;

/** Claims of the access token (JWT, HS256, iss/aud/exp checked). */
export interface AccessTokenClaims {
  sub: string;
  /** Tenant id; absent for operators. */
  tid?: string;
  kind: Principal['kind'];
}

export const JWT_ISSUER = 'fieldwork';
export const JWT_AUDIENCE = 'fieldwork-api';
export const JWT_ALGORITHM = 'HS256' as const;
