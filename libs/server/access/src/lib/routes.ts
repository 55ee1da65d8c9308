import type { Action } from './actions';

/**
 * How a route is decided:
 * - an action: the roles and object rule of that action (actions.ts, access.ts);
 * - 'public': no sign-in (the route is @Public());
 * - 'self': only the caller's own things (their profile, inbox, preferences,
 *   calendar link), whoever the controller's @Roles() admit.
 */
export type RouteRule = Action | 'public' | 'self';

/**
 * Every HTTP route of the API (`METHOD /path` as the OpenAPI document names it)
 * and its rule. The permission matrix (apps/api/test/permission-matrix.spec.ts)
 * walks the running app's routes and fails on any route missing here, so a new
 * endpoint without a rule fails the build.
 */
export const ROUTE_RULES: Readonly<Record<string, RouteRule>> = {
  'GET /api/health': 'public',
  'POST /api/auth/login': 'public',
  'POST /api/auth/refresh': 'public',
  'POST /api/auth/logout': 'public',
  'GET /api/auth/invitations/{token}': 'public',
  'POST /api/auth/accept-invitation': 'public',
  'GET /api/calendar/{file}': 'public',

  'GET /api/me': 'self',
  'GET /api/me/notification-preferences': 'self',
  'PUT /api/me/notification-preferences': 'self',
  'GET /api/me/calendar': 'self',
  'POST /api/me/calendar/rotate': 'self',
  'GET /api/notifications': 'self',
  'POST /api/notifications/read-all': 'self',
  'POST /api/notifications/{id}/read': 'self',

  'GET /api/users': 'user.list',
  'GET /api/users/{id}': 'user.read',
  'PATCH /api/users/{id}': 'user.update',
  'POST /api/invitations': 'user.invite',
  'POST /api/rosters/import': 'roster.import',
  'GET /api/tenant/settings': 'tenant.settings.read',
  'PATCH /api/tenant/settings': 'tenant.settings.update',
  'GET /api/audit-events': 'audit.read',

  'GET /api/cohorts': 'cohort.list',
  'POST /api/cohorts': 'cohort.create',
  'GET /api/cohorts/{id}': 'cohort.read',
  'PATCH /api/cohorts/{id}': 'cohort.update',
  'POST /api/cohorts/{id}/members': 'cohort.members.add',
  'DELETE /api/cohorts/{id}/members/{userId}': 'cohort.members.remove',
  'GET /api/cohorts/{id}/gradebook': 'gradebook.read',
  'POST /api/cohorts/{id}/nudges': 'nudge.send',
  'POST /api/cohorts/{id}/extensions': 'cohort.tasks.extend',
  'POST /api/cohorts/{id}/excusals': 'cohort.tasks.excuse',
  'GET /api/dashboards/overview': 'dashboard.read',
  'GET /api/dashboards/cohorts/{id}': 'dashboard.cohort.read',
  'GET /api/me/attention': 'attention.read',

  'GET /api/templates': 'template.list',
  'POST /api/templates': 'template.create',
  'GET /api/templates/{id}': 'template.read',
  'PATCH /api/templates/{id}': 'template.update',

  'GET /api/assignments': 'assignment.list',
  'POST /api/assignments': 'assignment.create',
  'GET /api/assignments/{id}': 'assignment.read',
  'PATCH /api/assignments/{id}': 'assignment.update',

  'GET /api/tasks': 'task.list',
  'GET /api/tasks/{id}': 'task.read',
  'PUT /api/tasks/{id}/draft': 'task.draft',
  'POST /api/tasks/{id}/submissions': 'task.submit',
  'GET /api/tasks/{id}/submissions': 'task.submissions.read',
  'POST /api/tasks/{id}/reviews': 'task.review',
  'POST /api/tasks/{id}/excuse': 'task.excuse',
  'POST /api/tasks/{id}/extension': 'task.extend',
  'GET /api/reviews/queue': 'review.queue',

  'GET /api/students/{id}': 'student.read',
  'GET /api/contacts': 'contact.list',
  'POST /api/contacts': 'contact.create',
  'GET /api/contacts/{id}': 'contact.read',
  'PATCH /api/contacts/{id}': 'contact.update',
  'DELETE /api/contacts/{id}': 'contact.delete',
  'GET /api/contacts/{id}/interactions': 'contact.interactions.read',
  'POST /api/contacts/{id}/interactions': 'contact.interactions.log',

  'POST /api/exports': 'export.request',
  'GET /api/exports': 'export.list',
  'GET /api/exports/{id}': 'export.read',
  'GET /api/exports/{id}/download': 'export.download',

  'GET /api/platform/tenants': 'platform.tenants.list',
  'POST /api/platform/tenants': 'platform.tenants.create',
  'POST /api/admin/queues/session': 'platform.queues.session',
  'POST /api/me/data-export': 'data_export.request',
  'GET /api/me/data-exports': 'data_export.list',
  'GET /api/me/data-export/{id}': 'self',
  'GET /api/me/data-export/{id}/download': 'self',
  'POST /api/me/deletion-request': 'deletion.request',
  'GET /api/me/deletion-request': 'deletion.request',
  'DELETE /api/me/deletion-request': 'deletion.request',
  'GET /api/deletion-requests': 'deletion.list',
  // Admins read any request; anyone else only their own (404 otherwise).
  'GET /api/deletion-requests/{id}': 'self',
  'POST /api/deletion-requests/{id}/approve': 'deletion.approve',
  'POST /api/users/{id}/deletion-request': 'deletion.start',
  'POST /api/contacts/{id}/erase': 'contact.erase',
  'GET /api/tenant/retention-preview': 'tenant.retention.preview',
  'GET /api/privacy/{tenantSlug}': 'public',
  'POST /api/platform/tenants/{id}/export': 'platform.tenants.export',
  'GET /api/platform/tenant-exports/{id}': 'platform.tenant_exports.read',
  'GET /api/platform/tenant-exports/{id}/download': 'platform.tenant_exports.download',
  'DELETE /api/platform/tenants/{id}': 'platform.tenants.delete',
  'POST /api/platform/tenants/{id}/restore': 'platform.tenants.restore',
  'GET /api/tenant/sso': 'tenant.sso.read',
  'PUT /api/tenant/sso': 'tenant.sso.update',
  'POST /api/tenant/sso/test': 'tenant.sso.test',
  'GET /api/sso/{tenant}/attempts': 'tenant.sso.attempts',
  'GET /api/sso/discover': 'public',
  'GET /api/sso/{tenant}/saml/metadata': 'public',
  // The browser legs of campus sign-in (redirects; the IdP's answer is the credential).
  'GET /api/sso/{tenant}/start': 'public',
  'GET /api/sso/{tenant}/oidc/callback': 'public',
  'POST /api/sso/{tenant}/saml/acs': 'public',
  // ↑ sso routes (issue 10): add yours above this line
  'POST /api/auth/password-reset': 'public',
  'POST /api/auth/password-reset/confirm': 'public',
  'POST /api/auth/mfa': 'public',
  'POST /api/auth/mfa/enroll': 'public',
  'POST /api/auth/mfa/enroll/confirm': 'public',
  'GET /api/me/mfa': 'self',
  'POST /api/me/mfa/totp': 'self',
  'POST /api/me/mfa/totp/confirm': 'self',
  'DELETE /api/me/mfa': 'self',
  'GET /api/tenant/mfa-policy': 'tenant.settings.read',
  'PUT /api/tenant/mfa-policy': 'tenant.settings.update',
  'POST /api/users/{id}/password-reset': 'user.password_reset',
  'DELETE /api/users/{id}/mfa': 'user.mfa_reset',
  // ↑ passwords-mfa routes (issue 10): add yours above this line
  'GET /api/rosters/imports': 'roster.history',
  'GET /api/api-tokens': 'api_token.list',
  'POST /api/api-tokens': 'api_token.create',
  'DELETE /api/api-tokens/{id}': 'api_token.revoke',
  // ↑ roster-sync routes (issue 10): add yours above this line
  // ↑ scale routes (issue 12): add yours above this line
};

/** `GET /api/cohorts/:id` (Nest) → `GET /api/cohorts/{id}` (OpenAPI). */
export function routeKey(method: string, path: string): string {
  const clean = `/${path}`.replace(/\/+/g, '/').replace(/\/$/, '') || '/';
  return `${method.toUpperCase()} ${clean.replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`;
}
