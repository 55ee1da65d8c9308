import { ModulesContainer } from '@nestjs/core';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { RequestMethod } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ALLOWED_ROLES, IS_PUBLIC } from '@fieldwork/server-core';
import { ownerClient } from '@fieldwork/server-core/testing';
import { ACTIONS, ROUTE_RULES, routeKey, type ObjectKind, type RouteRule } from '@fieldwork/server-access';
import type { PrincipalRole, Template } from '@fieldwork/contracts';
import { Session, TestApi } from './support/test-api';
import { INTERVIEW_ANSWERS, addMembers, cohortWithPeople, inDays } from './support/homework-fixture';

/**
 * The permission matrix, generated from the access module's route registry
 * (libs/server/access: ROUTE_RULES → ACTIONS): every route of the running app ×
 * every persona, each answer's class (2xx-or-validation "pass", 401, 403, 404)
 * compared with what the rules say. A route the app serves but the registry
 * lacks fails here, as does a route without a request case below.
 */
const PERSONAS = [
  // Denied personas first, so the allowed ones' writes come last on each route.
  'anonymous',
  'operator',
  'otherTenantAdmin',
  'otherStudent',
  'otherAdvisor',
  'removedAdvisor',
  'owner',
  'advisor',
  'admin',
] as const;
type Persona = (typeof PERSONAS)[number];

const ROLE_OF: Record<Persona, PrincipalRole | null> = {
  anonymous: null,
  operator: 'operator',
  otherTenantAdmin: 'admin',
  otherStudent: 'student',
  otherAdvisor: 'advisor',
  removedAdvisor: 'advisor',
  owner: 'student',
  advisor: 'advisor',
  admin: 'admin',
};

/** Who reaches the fixture's object of each kind (cohort A, its assignment, the owner's task and shared contact, the advisor's export…). */
const REACHES: Record<ObjectKind, Persona[]> = {
  cohort: ['admin', 'advisor'],
  assignment: ['admin', 'advisor'],
  task: ['admin', 'advisor', 'owner'],
  student: ['admin', 'advisor'],
  contact: ['admin', 'advisor', 'owner'],
  export: ['admin', 'advisor'],
  template: ['admin', 'advisor', 'otherAdvisor', 'removedAdvisor'],
  user: ['admin'],
};

type Expected = 'pass' | 'any' | 401 | 403 | 404;
type Actual = 'pass' | 401 | 403 | 404 | '5xx';

interface Ids {
  cohort: string;
  assignment: string;
  task: string;
  contact: string;
  export: string;
  template: string;
  owner: string;
  spare: string;
  notification: string;
  day: string;
}

interface Case {
  path: (ids: Ids) => string;
  body?: (ids: Ids) => unknown;
  /** The object the request is about when the action itself has none (a cohortId in the body, a studentId filter). */
  about?: (role: PrincipalRole) => ObjectKind | null;
  /** A 'self' route about one object: only these personas reach it (the others get 404). */
  onlyFor?: Persona[];
  /** Runs before each persona's request (a fresh object for a destructive route). */
  prepare?: (ids: Ids) => Promise<Partial<Ids>>;
}

describe('permission matrix (every route × every persona, from libs/server/access)', () => {
  let api: TestApi;
  const as = {} as Record<Persona, Session | null>;
  const ids = {} as Ids;
  let template: Template;
  const appRoutes = new Map<string, { roles: PrincipalRole[] | undefined; open: boolean }>();

  const CASES: Record<string, Case> = {
    'GET /api/health': { path: () => '/health' },
    'POST /api/auth/login': { path: () => '/auth/login', body: () => ({ email: 'nobody@x.test', password: 'wrong-password' }) },
    'POST /api/auth/refresh': { path: () => '/auth/refresh' },
    'POST /api/auth/logout': { path: () => '/auth/logout' },
    'GET /api/auth/invitations/{token}': { path: () => '/auth/invitations/not-a-token' },
    'POST /api/auth/accept-invitation': { path: () => '/auth/accept-invitation', body: () => ({ token: 'nope', name: 'N', password: 'Networking-Walks-42!' }) },
    'GET /api/calendar/{file}': { path: () => '/calendar/not-a-feed.ics' },

    'GET /api/me': { path: () => '/me' },
    'GET /api/me/notification-preferences': { path: () => '/me/notification-preferences' },
    'PUT /api/me/notification-preferences': { path: () => '/me/notification-preferences', body: () => ({}) },
    'GET /api/me/calendar': { path: () => '/me/calendar' },
    'POST /api/me/calendar/rotate': { path: () => '/me/calendar/rotate' },
    'GET /api/notifications': { path: () => '/notifications' },
    'POST /api/notifications/read-all': { path: () => '/notifications/read-all' },
    'POST /api/notifications/{id}/read': { path: (i) => `/notifications/${i.notification}/read`, onlyFor: ['owner'] },

    'GET /api/users': { path: () => '/users' },
    'GET /api/users/{id}': { path: (i) => `/users/${i.owner}` },
    'PATCH /api/users/{id}': { path: (i) => `/users/${i.owner}`, body: () => ({ name: 'Stu Student' }) },
    'POST /api/invitations': { path: () => '/invitations', body: () => ({ email: 'matrix.invite@x.test', name: 'Matrix Invite', role: 'student' }) },
    'POST /api/rosters/import': { path: () => '/rosters/import' },
    'GET /api/tenant/settings': { path: () => '/tenant/settings' },
    'PATCH /api/tenant/settings': { path: () => '/tenant/settings', body: () => ({ timezone: 'America/Chicago' }) },
    'GET /api/audit-events': { path: () => '/audit-events' },

    'GET /api/cohorts': { path: () => '/cohorts' },
    'POST /api/cohorts': { path: () => '/cohorts', body: () => ({ name: `Matrix ${randomUUID().slice(0, 8)}` }) },
    'GET /api/cohorts/{id}': { path: (i) => `/cohorts/${i.cohort}` },
    'PATCH /api/cohorts/{id}': { path: (i) => `/cohorts/${i.cohort}`, body: () => ({ name: 'Cohort A' }) },
    'POST /api/cohorts/{id}/members': { path: (i) => `/cohorts/${i.cohort}/members`, body: (i) => ({ userIds: [i.spare], role: 'student' }) },
    'DELETE /api/cohorts/{id}/members/{userId}': {
      path: (i) => `/cohorts/${i.cohort}/members/${i.spare}`,
      prepare: async (i) => {
        await addMembers(api, as.admin as Session, i.cohort, [i.spare], 'student');
        return {};
      },
    },
    'GET /api/cohorts/{id}/gradebook': { path: (i) => `/cohorts/${i.cohort}/gradebook` },
    'POST /api/cohorts/{id}/nudges': {
      path: (i) => `/cohorts/${i.cohort}/nudges`,
      body: (i) => ({ assignmentId: i.assignment, studentIds: [i.owner], message: 'A nudge from the matrix', allowRepeat: true }),
    },
    'POST /api/cohorts/{id}/extensions': {
      path: (i) => `/cohorts/${i.cohort}/extensions`,
      body: (i) => ({ assignmentId: i.assignment, studentIds: [i.owner], dueOn: i.day, reason: 'matrix' }),
    },
    'POST /api/cohorts/{id}/excusals': {
      path: (i) => `/cohorts/${i.cohort}/excusals`,
      body: (i) => ({ assignmentId: i.assignment, studentIds: [i.owner], reason: 'matrix' }),
    },
    'GET /api/dashboards/overview': { path: () => '/dashboards/overview' },
    'GET /api/dashboards/cohorts/{id}': { path: (i) => `/dashboards/cohorts/${i.cohort}` },
    'GET /api/me/attention': { path: () => '/me/attention' },

    'GET /api/templates': { path: () => '/templates' },
    'POST /api/templates': {
      path: () => '/templates',
      body: () => ({ ...template, id: undefined, archived: undefined, createdAt: undefined, updatedAt: undefined, title: `Matrix ${randomUUID().slice(0, 8)}` }),
    },
    'GET /api/templates/{id}': { path: (i) => `/templates/${i.template}` },
    'PATCH /api/templates/{id}': { path: (i) => `/templates/${i.template}`, body: () => ({ estimatedMinutes: 45 }) },

    'GET /api/assignments': { path: () => '/assignments' },
    'POST /api/assignments': {
      path: () => '/assignments',
      body: (i) => ({ templateId: i.template, cohortId: i.cohort, opensAt: inDays(-1), dueAt: inDays(9), allowDuplicate: true }),
      about: () => 'cohort',
    },
    'GET /api/assignments/{id}': { path: (i) => `/assignments/${i.assignment}` },
    'PATCH /api/assignments/{id}': { path: (i) => `/assignments/${i.assignment}`, body: () => ({ archived: false }) },

    'GET /api/tasks': { path: () => '/tasks' },
    'GET /api/tasks/{id}': { path: (i) => `/tasks/${i.task}` },
    'PUT /api/tasks/{id}/draft': { path: (i) => `/tasks/${i.task}/draft`, body: () => ({ answers: {} }) },
    'POST /api/tasks/{id}/submissions': { path: (i) => `/tasks/${i.task}/submissions`, body: () => ({ answers: {} }) },
    'GET /api/tasks/{id}/submissions': { path: (i) => `/tasks/${i.task}/submissions` },
    'POST /api/tasks/{id}/reviews': { path: (i) => `/tasks/${i.task}/reviews`, body: () => ({ decision: 'approve' }) },
    'POST /api/tasks/{id}/excuse': { path: (i) => `/tasks/${i.task}/excuse`, body: () => ({ reason: 'matrix' }) },
    'POST /api/tasks/{id}/extension': { path: (i) => `/tasks/${i.task}/extension`, body: (i) => ({ dueOn: i.day, reason: 'matrix' }) },
    'GET /api/reviews/queue': { path: () => '/reviews/queue' },

    'GET /api/students/{id}': { path: (i) => `/students/${i.owner}` },
    'GET /api/contacts': { path: (i) => `/contacts?studentId=${i.owner}`, about: (role) => (role === 'student' ? null : 'student') },
    'POST /api/contacts': { path: () => '/contacts', body: () => ({ name: 'Matrix Contact' }) },
    'GET /api/contacts/{id}': { path: (i) => `/contacts/${i.contact}` },
    'PATCH /api/contacts/{id}': { path: (i) => `/contacts/${i.contact}`, body: () => ({ notes: 'matrix' }) },
    'DELETE /api/contacts/{id}': {
      path: (i) => `/contacts/${i.contact}`,
      prepare: async () => {
        const made = await api.request('POST', '/contacts', { token: as.owner?.accessToken, body: { name: 'To delete', sharedWithAdvisors: true } });
        return { contact: made.body.id };
      },
    },
    'GET /api/contacts/{id}/interactions': { path: (i) => `/contacts/${i.contact}/interactions` },
    'POST /api/contacts/{id}/interactions': {
      path: (i) => `/contacts/${i.contact}/interactions`,
      body: () => ({ kind: 'follow_up', occurredAt: new Date().toISOString() }),
    },

    'POST /api/exports': { path: () => '/exports', body: (i) => ({ kind: 'cohort-progress', cohortId: i.cohort }), about: () => 'cohort' },
    'GET /api/exports': { path: () => '/exports' },
    'GET /api/exports/{id}': { path: (i) => `/exports/${i.export}` },
    'GET /api/exports/{id}/download': { path: (i) => `/exports/${i.export}/download` },

    'GET /api/platform/tenants': { path: () => '/platform/tenants' },
    'POST /api/platform/tenants': { path: () => '/platform/tenants', body: () => ({}) },
    'POST /api/admin/queues/session': { path: () => '/admin/queues/session' },
    // Download my data: POST and the list for any tenant user; a copy (made by the owner before each request) only for its requester.
    ...(() => {
      let copy = '';
      const prepare = async () => {
        copy ||= (await api.request('POST', '/me/data-export', { token: as.owner?.accessToken })).body.id;
        return {};
      };
      return {
        'POST /api/me/data-export': { path: () => '/me/data-export' },
        'GET /api/me/data-exports': { path: () => '/me/data-exports' },
        'GET /api/me/data-export/{id}': { prepare, path: () => `/me/data-export/${copy}`, onlyFor: ['owner'] },
        'GET /api/me/data-export/{id}/download': { prepare, path: () => `/me/data-export/${copy}/download`, onlyFor: ['owner'] },
      } satisfies Record<string, Case>;
    })(),
    'POST /api/me/deletion-request': { path: () => '/me/deletion-request', body: () => ({ reason: 'matrix' }) },
    'GET /api/me/deletion-request': { path: () => '/me/deletion-request' },
    'DELETE /api/me/deletion-request': { path: () => '/me/deletion-request' },
    'GET /api/deletion-requests': { path: () => '/deletion-requests' },
    // The owner's own request: the owner and the admins read it, anyone else gets 404.
    'GET /api/deletion-requests/{id}': (() => {
      let requestId = '';
      return {
        path: () => `/deletion-requests/${requestId}`,
        onlyFor: ['owner', 'admin'] as Persona[],
        prepare: async () => {
          if (!requestId) {
            const made = await api.request('POST', '/me/deletion-request', { token: as.owner?.accessToken, body: {} });
            requestId = made.status === 202 ? made.body.id : (await api.request('GET', '/me/deletion-request', { token: as.owner?.accessToken })).body.request.id;
            await api.request('DELETE', '/me/deletion-request', { token: as.owner?.accessToken });
          }
          return {};
        },
      };
    })(),
    // A fresh person's pending request (started by the admin) before each persona's approval.
    'POST /api/deletion-requests/{id}/approve': (() => {
      let requestId = '';
      return {
        path: () => `/deletion-requests/${requestId}/approve`,
        prepare: async () => {
          const email = `erase.${randomUUID().slice(0, 8)}@x.test`;
          const person = await api.accept((await api.invite(as.admin as Session, email, 'student')).token, 'Erase Me');
          requestId = (await api.request('POST', `/users/${person.userId}/deletion-request`, { token: as.admin?.accessToken, body: {} })).body.id;
          return {};
        },
      };
    })(),
    'POST /api/users/{id}/deletion-request': { path: (i) => `/users/${i.spare}/deletion-request`, body: () => ({}) },
    'POST /api/contacts/{id}/erase': {
      path: (i) => `/contacts/${i.contact}/erase`,
      prepare: async () => {
        const made = await api.request('POST', '/contacts', { token: as.owner?.accessToken, body: { name: 'To erase', sharedWithAdvisors: true } });
        return { contact: made.body.id };
      },
    },
    'GET /api/tenant/retention-preview': { path: () => '/tenant/retention-preview' },
    'GET /api/privacy/{tenantSlug}': { path: () => '/privacy/no-such-career-center' },
    // Offboarding (operators): about an active career center of the database and an export of it, made as the operator before each request.
    ...(() => {
      const target = { tenantId: '', exportId: '' };
      const prepareTenant = async () => {
        const tenants = await api.request('GET', '/platform/tenants', { token: as.operator?.accessToken });
        target.tenantId = tenants.body.find((tenant: { state: string }) => tenant.state === 'active').id;
        return {};
      };
      const prepareExport = async () => {
        await prepareTenant();
        target.exportId = (await api.request('POST', `/platform/tenants/${target.tenantId}/export`, { token: as.operator?.accessToken })).body.id;
        return {};
      };
      return {
        'POST /api/platform/tenants/{id}/export': { prepare: prepareTenant, path: () => `/platform/tenants/${target.tenantId}/export` },
        'GET /api/platform/tenant-exports/{id}': { prepare: prepareExport, path: () => `/platform/tenant-exports/${target.exportId}` },
        'GET /api/platform/tenant-exports/{id}/download': { prepare: prepareExport, path: () => `/platform/tenant-exports/${target.exportId}/download` },
        // A slug that does not match: the operator gets the 400 and nothing is closed.
        'DELETE /api/platform/tenants/{id}': { prepare: prepareTenant, path: () => `/platform/tenants/${target.tenantId}`, body: () => ({ confirmSlug: 'not-the-slug' }) },
        // An active career center: the operator gets the 409 (nothing to restore).
        'POST /api/platform/tenants/{id}/restore': { prepare: prepareTenant, path: () => `/platform/tenants/${target.tenantId}/restore` },
      } satisfies Record<string, Case>;
    })(),
    // Campus sign-in: the settings (a SAML body whose metadata is not an IdP: the admin gets the 400), test mode (409: not set up),
    // the status panel of the fixture's career center; the public legs about a center that does not exist (404).
    ...(() => {
      const center = { slug: '' };
      const prepare = async () => {
        center.slug ||= (await api.request('GET', '/me', { token: as.admin?.accessToken })).body.tenant.slug;
        return {};
      };
      return {
        'GET /api/tenant/sso': { path: () => '/tenant/sso' },
        'PUT /api/tenant/sso': {
          path: () => '/tenant/sso',
          body: () => ({ protocol: 'saml', metadataXml: '<not-metadata/>', matchBy: 'email', enabled: false, testMode: false, studentsSsoOnly: false }),
        },
        'POST /api/tenant/sso/test': { path: () => '/tenant/sso/test' },
        // About the fixture's career center: another center's admin gets 404, like for a person of it.
        'GET /api/sso/{tenant}/attempts': { prepare, path: () => `/sso/${center.slug}/attempts`, about: () => 'user' },
        'GET /api/sso/discover': { path: () => '/sso/discover?tenant=no-such-career-center' },
        'GET /api/sso/{tenant}/saml/metadata': { path: () => '/sso/no-such-career-center/saml/metadata' },
        'GET /api/sso/{tenant}/start': { path: () => '/sso/no-such-career-center/start' },
        'GET /api/sso/{tenant}/oidc/callback': { path: () => '/sso/no-such-career-center/oidc/callback?state=x&code=y' },
        'POST /api/sso/{tenant}/saml/acs': { path: () => '/sso/no-such-career-center/saml/acs' },
      } satisfies Record<string, Case>;
    })(),
    // ↑ sso cases (issue 10): add yours above this line
    // Passwords and two-step sign-in: public steps answer whatever the input deserves; 'self' routes are each caller's own factor.
    'POST /api/auth/password-reset': { path: () => '/auth/password-reset', body: () => ({ tenant: 'no-such-center', email: 'nobody@x.test' }) },
    'POST /api/auth/password-reset/confirm': { path: () => '/auth/password-reset/confirm', body: () => ({ token: 'nope', password: 'Networking-Walks-42!' }) },
    'POST /api/auth/mfa': { path: () => '/auth/mfa', body: () => ({ mfaToken: 'nope', code: '123456' }) },
    'POST /api/auth/mfa/enroll': { path: () => '/auth/mfa/enroll', body: () => ({ mfaToken: 'nope' }) },
    'POST /api/auth/mfa/enroll/confirm': { path: () => '/auth/mfa/enroll/confirm', body: () => ({ mfaToken: 'nope', code: '123456' }) },
    'GET /api/me/mfa': { path: () => '/me/mfa' },
    'POST /api/me/mfa/totp': { path: () => '/me/mfa/totp' },
    'POST /api/me/mfa/totp/confirm': { path: () => '/me/mfa/totp/confirm', body: () => ({ code: '000000' }) },
    'DELETE /api/me/mfa': { path: () => '/me/mfa', body: () => ({ code: '000000' }) },
    'GET /api/tenant/mfa-policy': { path: () => '/tenant/mfa-policy' },
    'PUT /api/tenant/mfa-policy': { path: () => '/tenant/mfa-policy', body: () => ({ requireForStaff: false }) },
    'POST /api/users/{id}/password-reset': { path: (i) => `/users/${i.owner}/password-reset` },
    'DELETE /api/users/{id}/mfa': { path: (i) => `/users/${i.owner}/mfa` },
    // ↑ passwords-mfa cases (issue 10): add yours above this line
    'GET /api/rosters/imports': { path: () => '/rosters/imports' },
    'GET /api/api-tokens': { path: () => '/api-tokens' },
    'POST /api/api-tokens': { path: () => '/api-tokens', body: () => ({ name: 'Matrix token', scope: 'roster:import' }) },
    // A fresh token of this tenant each time: only its admin reaches it (another tenant's admin gets 404), like a person.
    'DELETE /api/api-tokens/{id}': (() => {
      let tokenId = '';
      return {
        prepare: async () => {
          tokenId = (await api.request('POST', '/api-tokens', { token: as.admin?.accessToken, body: { name: 'Matrix revoke', scope: 'roster:import' } })).body.id;
          return {};
        },
        path: () => `/api-tokens/${tokenId}`,
        about: () => 'user',
      } satisfies Case;
    })(),
    // ↑ roster-sync cases (issue 10): add yours above this line
    // ↑ scale cases (issue 12): add yours above this line
  };

  beforeAll(async () => {
    api = await TestApi.start();
    const t = await api.tenantWithPeople();
    const other = await api.tenantWithPeople();
    const person = async (email: string, role: 'advisor' | 'student', name: string) => api.accept((await api.invite(t.admin, email, role)).token, name);
    const a = await cohortWithPeople(api, t, 'Cohort A');
    template = a.template;
    const otherAdvisor = await person('other.advisor@x.test', 'advisor', 'Other Advisor');
    const otherStudent = await person('other.student@x.test', 'student', 'Other Student');
    const removedAdvisor = await person('removed.advisor@x.test', 'advisor', 'Removed Advisor');
    const spare = await person('spare.student@x.test', 'student', 'Spare Student');
    const b = await api.request('POST', '/cohorts', { token: otherAdvisor.accessToken, body: { name: 'Cohort B' } });
    await addMembers(api, t.admin, b.body.id, [otherStudent.userId], 'student');
    await addMembers(api, t.admin, a.cohortId, [removedAdvisor.userId], 'advisor');
    // The removed advisor created the assignment, then left the cohort: it is no longer theirs.
    const assignment = await api.request('POST', '/assignments', {
      token: removedAdvisor.accessToken,
      body: { templateId: a.template.id, cohortId: a.cohortId, opensAt: inDays(-1), dueAt: inDays(5) },
    });
    expect(assignment.status).toBe(201);
    expect((await api.request('DELETE', `/cohorts/${a.cohortId}/members/${removedAdvisor.userId}`, { token: t.admin.accessToken })).status).toBe(204);
    const task = (await api.request('GET', '/tasks', { token: t.student.accessToken })).body.items[0];
    const contact = await api.request('POST', '/contacts', { token: t.student.accessToken, body: { name: 'Shared Contact', sharedWithAdvisors: true } });
    await api.request('POST', `/tasks/${task.id}/submissions`, { token: t.student.accessToken, body: { answers: INTERVIEW_ANSWERS, contactId: contact.body.id } });
    const exported = await api.request('POST', '/exports', { token: t.advisor.accessToken, body: { kind: 'cohort-progress', cohortId: a.cohortId } });
    expect(exported.status).toBe(202);
    const notification = randomUUID();
    const owner = await ownerClient(api.config);
    await owner.query(
      `INSERT INTO notifications (tenant_id, id, user_id, kind, subject_id, title, body) VALUES ($1, $2, $3, 'new_assignment', gen_random_uuid(), 'For the owner', 'x')`,
      [t.tenantId, notification, t.student.userId],
    );
    await owner.end();
    Object.assign(ids, {
      notification,
      cohort: a.cohortId,
      assignment: assignment.body.id,
      task: task.id,
      contact: contact.body.id,
      export: exported.body.id,
      template: a.template.id,
      owner: t.student.userId,
      spare: spare.userId,
      day: inDays(20).slice(0, 10),
    });
    Object.assign(as, {
      anonymous: null,
      operator: await api.operatorSession(),
      otherTenantAdmin: other.admin,
      otherStudent,
      otherAdvisor,
      removedAdvisor,
      owner: t.student,
      advisor: t.advisor,
      admin: t.admin,
    });

    for (const module of api.app.get(ModulesContainer).values()) {
      for (const controller of module.controllers.values()) {
        const type = controller.metatype as { prototype: Record<string, unknown> };
        const base = [Reflect.getMetadata(PATH_METADATA, type) ?? ''].flat()[0] as string;
        for (const name of Object.getOwnPropertyNames(type.prototype)) {
          const handler = type.prototype[name];
          if (name === 'constructor' || typeof handler !== 'function' || Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
          const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
          for (const path of [Reflect.getMetadata(PATH_METADATA, handler)].flat() as string[]) {
            appRoutes.set(routeKey(method, `/api/${base}/${path}`), {
              open: Boolean(Reflect.getMetadata(IS_PUBLIC, handler) ?? Reflect.getMetadata(IS_PUBLIC, type)),
              roles: Reflect.getMetadata(ALLOWED_ROLES, handler) ?? Reflect.getMetadata(ALLOWED_ROLES, type),
            });
          }
        }
      }
    }
  }, 60_000);
  afterAll(() => api.close());

  it('the registry names every route the app serves, and only those; every route has a matrix case', () => {
    expect([...appRoutes.keys()].filter((key) => !(key in ROUTE_RULES)).sort()).toEqual([]);
    expect(Object.keys(ROUTE_RULES).filter((key) => !appRoutes.has(key)).sort()).toEqual([]);
    expect(Object.keys(ROUTE_RULES).filter((key) => !(key in CASES)).sort()).toEqual([]);
  });

  it('each route’s rule agrees with its controller: public routes are @Public(), an action’s roles are the route’s @Roles()', () => {
    const disagreements: string[] = [];
    for (const [key, rule] of Object.entries(ROUTE_RULES) as [string, RouteRule][]) {
      const route = appRoutes.get(key);
      if (!route) continue;
      if ((rule === 'public') !== route.open) disagreements.push(`${key}: registry says ${rule}, controller public=${route.open}`);
      if (rule !== 'public' && rule !== 'self') {
        const want = [...ACTIONS[rule].roles].sort().join(',');
        const have = [...(route.roles ?? [])].sort().join(',');
        if (want !== have) disagreements.push(`${key}: ${rule} allows ${want}, @Roles() says ${have}`);
      }
    }
    expect(disagreements).toEqual([]);
  });

  function expected(key: string, persona: Persona): Expected {
    const rule = ROUTE_RULES[key];
    if (rule === 'public') return 'any';
    const role = ROLE_OF[persona];
    if (!role) return 401;
    const roles: readonly PrincipalRole[] = rule === 'self' ? (appRoutes.get(key)?.roles ?? []) : ACTIONS[rule].roles;
    if (!roles.includes(role)) return 403;
    if (rule === 'self') return !CASES[key].onlyFor || CASES[key].onlyFor?.includes(persona) ? 'pass' : 404;
    const kind = ACTIONS[rule].object ?? CASES[key].about?.(role) ?? null;
    if (!kind) return 'pass';
    return REACHES[kind].includes(persona) ? 'pass' : 404;
  }

  function classOf(status: number): Actual {
    if (status >= 500) return '5xx';
    if (status === 401 || status === 403 || status === 404) return status;
    return 'pass';
  }

  it('every route × persona answers as the rules say (2xx or a validation answer when allowed; 401; 403 for a role that may never; 404 for an object out of reach)', async () => {
    const wrong: string[] = [];
    let requests = 0;
    for (const key of Object.keys(ROUTE_RULES)) {
      const request = CASES[key];
      if (!request) continue;
      const [method] = key.split(' ');
      for (const persona of PERSONAS) {
        const current: Ids = { ...ids, ...(request.prepare ? await request.prepare(ids) : {}) };
        const reply = await api.request(method, request.path(current), { token: as[persona]?.accessToken, body: request.body?.(current) });
        requests++;
        const want = expected(key, persona);
        const got = classOf(reply.status);
        const ok = want === 'any' ? got !== '5xx' : got === want;
        if (!ok) wrong.push(`${key} as ${persona}: expected ${want}, got ${reply.status} ${JSON.stringify(reply.body).slice(0, 160)}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(requests).toBe(Object.keys(ROUTE_RULES).length * PERSONAS.length);
  }, 120_000);
});
