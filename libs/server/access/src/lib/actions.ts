import { OPERATOR_ROLE, ROLES, type PrincipalRole, type Role } from '@fieldwork/contracts';

/** The kinds of object an action is about; each has one visibility rule (see access.ts). */
export type ObjectKind = 'cohort' | 'assignment' | 'task' | 'student' | 'contact' | 'export' | 'template' | 'user';

export interface ActionRule {
  /** The roles that may ever do it; any other role gets 403. */
  roles: readonly PrincipalRole[];
  /** The object it is about, when there is one: an object the caller may not see gets 404. */
  object: ObjectKind | null;
  /** What it means, in words (for the permission matrix and the docs). */
  means: string;
}

const STAFF: readonly Role[] = ['admin', 'advisor'];
const ADMIN: readonly Role[] = ['admin'];
const STUDENT: readonly Role[] = ['student'];
const ANY_USER: readonly Role[] = ROLES;
const OPERATOR: readonly PrincipalRole[] = [OPERATOR_ROLE];

/**
 * Every action of the API inside a tenant, with who may ever do it. Which
 * objects a permitted role reaches is decided per object kind in `access.ts`:
 * admins the whole tenant, advisors the cohorts they advise (and the work in
 * them), students their own work.
 */
export const ACTIONS = {
  'user.list': { roles: ADMIN, object: null, means: 'list the people of the career center' },
  'user.read': { roles: ADMIN, object: 'user', means: 'read a person' },
  'user.update': { roles: ADMIN, object: 'user', means: 'change a person’s role or status' },
  'user.invite': { roles: ADMIN, object: null, means: 'invite a person' },
  'roster.import': { roles: ADMIN, object: null, means: 'import a roster file' },
  'tenant.settings.read': { roles: ADMIN, object: null, means: 'read the career center’s settings' },
  'tenant.settings.update': { roles: ADMIN, object: null, means: 'change the career center’s settings' },
  'audit.read': { roles: ADMIN, object: null, means: 'read the audit log' },

  'cohort.list': { roles: STAFF, object: null, means: 'list the cohorts one may see' },
  'cohort.create': { roles: STAFF, object: null, means: 'create a cohort (an advisor advises it)' },
  'cohort.read': { roles: STAFF, object: 'cohort', means: 'read a cohort and its members' },
  'cohort.update': { roles: STAFF, object: 'cohort', means: 'rename, date or archive a cohort' },
  'cohort.members.add': { roles: STAFF, object: 'cohort', means: 'add students or co-advisors to a cohort' },
  'cohort.members.remove': { roles: STAFF, object: 'cohort', means: 'remove a student from a cohort' },
  'cohort.advisor.remove': { roles: ADMIN, object: 'cohort', means: 'remove an advisor from a cohort' },
  'gradebook.read': { roles: STAFF, object: 'cohort', means: 'read a cohort’s gradebook' },
  'nudge.send': { roles: STAFF, object: 'cohort', means: 'nudge students of a cohort' },
  'cohort.tasks.extend': { roles: STAFF, object: 'cohort', means: 'extend a due date for students of a cohort' },
  'cohort.tasks.excuse': { roles: STAFF, object: 'cohort', means: 'excuse students of a cohort' },
  'dashboard.read': { roles: STAFF, object: null, means: 'read the dashboard of what one may see' },
  'dashboard.cohort.read': { roles: STAFF, object: 'cohort', means: 'read a cohort’s dashboard' },
  'attention.read': { roles: STAFF, object: null, means: 'what needs the advisor now' },

  'template.list': { roles: STAFF, object: null, means: 'list the homework library' },
  'template.read': { roles: STAFF, object: 'template', means: 'read a template' },
  'template.create': { roles: STAFF, object: null, means: 'add a template' },
  'template.update': { roles: STAFF, object: 'template', means: 'edit a template' },

  'assignment.list': { roles: STAFF, object: null, means: 'list the assignments one may see' },
  'assignment.create': { roles: STAFF, object: null, means: 'assign homework to a cohort or chosen students' },
  'assignment.read': { roles: STAFF, object: 'assignment', means: 'read an assignment and its progress' },
  'assignment.update': { roles: STAFF, object: 'assignment', means: 'move dates of or archive an assignment' },

  'task.list': { roles: ANY_USER, object: null, means: 'list the tasks one may see' },
  'task.read': { roles: ANY_USER, object: 'task', means: 'read a task' },
  'task.draft': { roles: STUDENT, object: 'task', means: 'save a draft of one’s reflection' },
  'task.submit': { roles: STUDENT, object: 'task', means: 'submit one’s reflection' },
  'task.submissions.read': { roles: ANY_USER, object: 'task', means: 'read a task’s reflections (staff reads are audited)' },
  'task.review': { roles: STAFF, object: 'task', means: 'approve or ask for a revision' },
  'task.excuse': { roles: STAFF, object: 'task', means: 'excuse a task' },
  'task.extend': { roles: STAFF, object: 'task', means: 'extend a task’s due date' },
  'review.queue': { roles: STAFF, object: null, means: 'the submitted work one may review' },

  'student.read': { roles: STAFF, object: 'student', means: 'the staff view of a student' },
  'contact.list': { roles: ANY_USER, object: null, means: 'one’s contacts, or (staff) a student’s shared contacts' },
  'contact.read': { roles: ANY_USER, object: 'contact', means: 'read a contact (staff: shared ones, audited)' },
  'contact.create': { roles: STUDENT, object: null, means: 'add a contact to one’s network' },
  'contact.update': { roles: STUDENT, object: 'contact', means: 'edit one’s contact' },
  'contact.delete': { roles: STUDENT, object: 'contact', means: 'delete one’s contact' },
  'contact.interactions.read': { roles: ANY_USER, object: 'contact', means: 'a contact’s timeline' },
  'contact.interactions.log': { roles: STUDENT, object: 'contact', means: 'log an interaction with one’s contact' },

  'export.request': { roles: STAFF, object: null, means: 'request a CSV export (advisors: of a cohort they advise)' },
  'export.list': { roles: STAFF, object: null, means: 'list one’s exports (admins: all)' },
  'export.read': { roles: STAFF, object: 'export', means: 'read an export' },
  'export.download': { roles: STAFF, object: 'export', means: 'download an export' },

  'platform.tenants.list': { roles: OPERATOR, object: null, means: 'list career centers (operators)' },
  'platform.tenants.create': { roles: OPERATOR, object: null, means: 'create a career center (operators)' },
  'platform.queues.session': { roles: OPERATOR, object: null, means: 'open a Bull Board session (operators)' },
  // "Download my data": only the requester ever reaches an export (the service answers 404 to anyone else).
  'data_export.request': { roles: ANY_USER, object: null, means: 'ask for a copy of one’s own data (a ZIP)' },
  'data_export.list': { roles: ANY_USER, object: null, means: 'list one’s own data copies' },
  'data_export.read': { roles: ANY_USER, object: null, means: 'see the progress of one’s own data copy' },
  'data_export.download': { roles: ANY_USER, object: null, means: 'download one’s own data copy (audited)' },
  // Deletion requests: a person asks for (or cancels) their own; admins list, read, start and approve them.
  'deletion.request': { roles: ANY_USER, object: null, means: 'ask for one’s own account to be deleted (or cancel that request)' },
  'deletion.list': { roles: ADMIN, object: null, means: 'list deletion requests with what each will erase' },
  'deletion.start': { roles: ADMIN, object: 'user', means: 'start a deletion request for a person' },
  'deletion.approve': { roles: ADMIN, object: 'user', means: 'approve the deletion request of a person (the worker erases the account)' },
  'contact.erase': { roles: STUDENT, object: 'contact', means: 'erase one’s contact, its interactions and its name in one’s reflections' },
  'tenant.retention.preview': { roles: ADMIN, object: null, means: 'see what the next retention run would delete' },
  'platform.tenants.export': { roles: OPERATOR, object: null, means: 'export every row of a career center as a ZIP (operators)' },
  'platform.tenant_exports.read': { roles: OPERATOR, object: null, means: 'follow a whole-career-center export (operators)' },
  'platform.tenant_exports.download': { roles: OPERATOR, object: null, means: 'download a whole-career-center export (operators)' },
  'platform.tenants.delete': { roles: OPERATOR, object: null, means: 'close a career center and delete it after the grace period (operators)' },
  'platform.tenants.restore': { roles: OPERATOR, object: null, means: 'restore a career center within its grace period (operators)' },
  'tenant.sso.read': { roles: ADMIN, object: null, means: 'see the campus sign-in (SSO) settings (never the client secret)' },
  'tenant.sso.update': { roles: ADMIN, object: null, means: 'change the campus sign-in (SSO) settings' },
  'tenant.sso.test': { roles: ADMIN, object: null, means: 'try campus sign-in with one’s own account (test mode)' },
  'tenant.sso.attempts': { roles: ADMIN, object: null, means: 'see the last campus sign-in attempts and why each failed' },
  // ↑ sso actions (issue 10): add yours above this line
  'user.password_reset': { roles: ADMIN, object: 'user', means: 'e-mail a person a link to choose a new password' },
  'user.mfa_reset': { roles: ADMIN, object: 'user', means: 'turn off a person’s two-step sign-in (they lost their phone)' },
  // ↑ passwords-mfa actions (issue 10): add yours above this line
  'roster.history': { roles: ADMIN, object: null, means: 'read the roster import history (page and API token, dry runs too)' },
  'api_token.list': { roles: ADMIN, object: null, means: 'list the API tokens of the career center' },
  'api_token.create': { roles: ADMIN, object: null, means: 'make an API token (shown once) for a script such as a nightly roster push' },
  'api_token.revoke': { roles: ADMIN, object: null, means: 'revoke an API token' },
  // ↑ roster-sync actions (issue 10): add yours above this line
  // ↑ scale actions (issue 12): add yours above this line
} as const satisfies Record<string, ActionRule>;

export type Action = keyof typeof ACTIONS;

export function isAction(value: string): value is Action {
  return Object.prototype.hasOwnProperty.call(ACTIONS, value);
}
