import type { Me, PrincipalRole } from '@fieldwork/contracts';

const ROLE_LABELS: Record<PrincipalRole, string> = {
  admin: 'Administrator',
  advisor: 'Advisor',
  student: 'Student',
  operator: 'Platform operator',
};

/** "admin" -> "Administrator". */
export function roleLabel(role: PrincipalRole): string {
  return ROLE_LABELS[role] ?? role;
}

/** "admin" -> "an administrator", "student" -> "a student". */
export function roleWithArticle(role: PrincipalRole): string {
  const label = roleLabel(role).toLowerCase();
  return /^[aeiou]/.test(label) ? `an ${label}` : `a ${label}`;
}

/** Where a user lands after signing in when nothing else was asked for. */
export function homeUrlFor(user: Pick<Me, 'role'> | null): string {
  return user?.role === 'operator' ? '/tenants' : '/';
}

/**
 * A return URL from the query string, only if it stays inside this app
 * (a path, not `//other.host` or `https://...`), else null.
 */
export function safeReturnUrl(value: string | null | undefined): string | null {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) {
    return null;
  }
  if (value.startsWith('/sign-in')) return null;
  return value;
}
