/** Roles of a tenant's users. Operators are platform staff and belong to no tenant. */
export const ROLES = ['admin', 'advisor', 'student'] as const;
export type Role = (typeof ROLES)[number];

export const OPERATOR_ROLE = 'operator' as const;
export type PrincipalRole = Role | typeof OPERATOR_ROLE;

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
