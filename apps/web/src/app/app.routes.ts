import { Route } from '@angular/router';
import { lazyPage, roleGuard, roleSection, signedInGuard, signedOutGuard } from '@fieldwork/web-core';
// The first pages people open (sign-in, home, a student's tasks) list their routes eagerly: those
// files only name lazy components, and it saves a round trip before the page can load.
import { authRoutes } from './auth/auth.routes';
import { homeRoutes } from './home/home.routes';
import { tasksRoutes } from './tasks/tasks.routes';

export const appRoutes: Route[] = [
  {
    path: '',
    pathMatch: 'full',
    canActivate: [signedInGuard],
    children: homeRoutes,
  },
  roleSection('people', ['admin'], () => import('./people/people.routes').then((m) => m.peopleRoutes)),
  roleSection('cohorts', ['admin', 'advisor'], () => import('./cohorts/cohorts.routes').then((m) => m.cohortsRoutes)),
  roleSection('dashboard', ['admin', 'advisor'], () => import('./dashboard/dashboard.routes').then((m) => m.dashboardRoutes)),
  roleSection('students', ['admin', 'advisor'], () => import('./students/students.routes').then((m) => m.studentsRoutes)),
  roleSection('reviews', ['admin', 'advisor'], () => import('./reviews/reviews.routes').then((m) => m.reviewsRoutes)),
  roleSection('templates', ['admin', 'advisor'], () => import('./templates/templates.routes').then((m) => m.templatesRoutes)),
  roleSection('roster-import', ['admin'], () => import('./roster/roster.routes').then((m) => m.rosterRoutes)),
  roleSection('exports', ['admin', 'advisor'], () => import('./exports/exports.routes').then((m) => m.exportsRoutes)),
  roleSection('audit', ['admin'], () => import('./audit/audit.routes').then((m) => m.auditRoutes)),
  {
    path: 'tasks',
    canActivate: [roleGuard('student')],
    children: tasksRoutes,
  },
  roleSection('network', ['student'], () => import('./network/network.routes').then((m) => m.networkRoutes)),
  roleSection(
    'notifications',
    ['admin', 'advisor', 'student'],
    () => import('./notifications/notifications.routes').then((m) => m.notificationsRoutes),
  ),
  roleSection('settings', ['admin', 'advisor', 'student'], () => import('./settings/settings.routes').then((m) => m.settingsRoutes)),
  roleSection('tenants', ['operator'], () => import('./tenants/tenants.routes').then((m) => m.tenantsRoutes)),
  roleSection(
    'deletion-requests',
    ['admin'],
    () => import('./deletion-requests/deletion-requests.routes').then((m) => m.deletionRequestsRoutes),
  ),
  {
    path: 'privacy',
    loadChildren: () => import('./privacy/privacy.routes').then((m) => m.privacyRoutes),
  },
  roleSection(
    'sign-in-settings',
    ['admin'],
    () => import('./sign-in-settings/sign-in-settings.routes').then((m) => m.signInSettingsRoutes),
  ),
  {
    path: 'sso',
    loadChildren: () => import('./sso/sso.routes').then((m) => m.ssoRoutes),
  },
  {
    // The direct link a career center puts on its website: /<tenant>/login preselects the center.
    path: ':tenant/login',
    title: 'Sign in',
    canActivate: [signedOutGuard],
    loadComponent: () => import('./auth/sign-in').then((m) => m.SignIn),
  },
  // ↑ sso routes (issue 10): add yours above this line
  // ↑ passwords-mfa routes (issue 10): add yours above this line
  roleSection('api-tokens', ['admin'], () => import('./api-tokens/api-tokens.routes').then((m) => m.apiTokensRoutes)),
  // ↑ roster-sync routes (issue 10): add yours above this line
  // ↑ scale routes (issue 12): add yours above this line
  {
    path: '',
    children: authRoutes,
  },
  {
    path: 'no-access',
    title: "You don't have access to this page",
    canActivate: [signedInGuard],
    loadComponent: () => import('./no-access/no-access').then((m) => m.NoAccess),
  },
  lazyPage('**', 'Page not found', () => import('./not-found/not-found').then((m) => m.NotFound)),
];
