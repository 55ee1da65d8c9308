import type { PrincipalRole } from '@fieldwork/contracts';

export interface NavLink {
  label: string;
  path: string;
  /** Active only on an exact URL match (for Home). */
  exact: boolean;
}

const HOME: NavLink = { label: 'Home', path: '/', exact: true };
const PEOPLE: NavLink = { label: 'People', path: '/people', exact: false };
const TENANTS: NavLink = { label: 'Tenants', path: '/tenants', exact: false };

/** The main navigation each role sees. */
export function navLinksFor(role: PrincipalRole | null): NavLink[] {
  switch (role) {
    case 'admin':
      return [HOME, PEOPLE];
    case 'advisor':
    case 'student':
      return [HOME];
    case 'operator':
      return [TENANTS];
    default:
      return [];
  }
}
