import type { PrincipalRole } from '@fieldwork/contracts';

export interface NavLink {
  label: string;
  path: string;
  /** Active only on an exact URL match (for Home). */
  exact: boolean;
}

const link = (label: string, path: string, exact = false): NavLink => ({ label, path, exact });

const HOME = link('Home', '/', true);
const DASHBOARD = link('Dashboard', '/dashboard');
const PEOPLE = link('People', '/people');
const COHORTS = link('Cohorts', '/cohorts');
const REVIEWS = link('Reviews', '/reviews');
const TEMPLATES = link('Templates', '/templates');
const ROSTER_IMPORT = link('Roster import', '/roster-import');
const MY_TASKS = link('My tasks', '/tasks');
const MY_NETWORK = link('My network', '/network');
const EXPORTS = link('Exports', '/exports');
const AUDIT_LOG = link('Audit log', '/audit');
const SIGN_IN_SETTINGS = link('Sign-in', '/sign-in-settings');
const TENANTS = link('Tenants', '/tenants');

/** The main navigation each role sees. */
export function navLinksFor(role: PrincipalRole | null): NavLink[] {
  switch (role) {
    case 'admin':
      return [HOME, DASHBOARD, PEOPLE, COHORTS, REVIEWS, TEMPLATES, ROSTER_IMPORT, EXPORTS, AUDIT_LOG, SIGN_IN_SETTINGS];
    case 'advisor':
      return [HOME, DASHBOARD, COHORTS, REVIEWS, TEMPLATES, EXPORTS];
    case 'student':
      return [HOME, MY_TASKS, MY_NETWORK];
    case 'operator':
      return [TENANTS];
    default:
      return [];
  }
}
