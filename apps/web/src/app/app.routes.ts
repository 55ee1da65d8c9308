import { Route } from '@angular/router';
import { roleGuard, signedInGuard, signedOutGuard } from '@fieldwork/web-core';
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
  {
    path: 'people',
    canActivate: [roleGuard('admin')],
    loadChildren: () => import('./people/people.routes').then((m) => m.peopleRoutes),
  },
  {
    path: 'cohorts',
    canActivate: [roleGuard('admin', 'advisor')],
    loadChildren: () => import('./cohorts/cohorts.routes').then((m) => m.cohortsRoutes),
  },
  {
    path: 'dashboard',
    canActivate: [roleGuard('admin', 'advisor')],
    loadChildren: () => import('./dashboard/dashboard.routes').then((m) => m.dashboardRoutes),
  },
  {
    path: 'students',
    canActivate: [roleGuard('admin', 'advisor')],
    loadChildren: () => import('./students/students.routes').then((m) => m.studentsRoutes),
  },
  {
    path: 'reviews',
    canActivate: [roleGuard('admin', 'advisor')],
    loadChildren: () => import('./reviews/reviews.routes').then((m) => m.reviewsRoutes),
  },
  {
    path: 'templates',
    canActivate: [roleGuard('admin', 'advisor')],
    loadChildren: () => import('./templates/templates.routes').then((m) => m.templatesRoutes),
  },
  {
    path: 'roster-import',
    canActivate: [roleGuard('admin')],
    loadChildren: () => import('./roster/roster.routes').then((m) => m.rosterRoutes),
  },
  {
    path: 'exports',
    canActivate: [roleGuard('admin', 'advisor')],
    loadChildren: () => import('./exports/exports.routes').then((m) => m.exportsRoutes),
  },
  {
    path: 'audit',
    canActivate: [roleGuard('admin')],
    loadChildren: () => import('./audit/audit.routes').then((m) => m.auditRoutes),
  },
  {
    path: 'tasks',
    canActivate: [roleGuard('student')],
    children: tasksRoutes,
  },
  {
    path: 'network',
    canActivate: [roleGuard('student')],
    loadChildren: () => import('./network/network.routes').then((m) => m.networkRoutes),
  },
  {
    path: 'notifications',
    canActivate: [roleGuard('admin', 'advisor', 'student')],
    loadChildren: () => import('./notifications/notifications.routes').then((m) => m.notificationsRoutes),
  },
  {
    path: 'settings',
    canActivate: [roleGuard('admin', 'advisor', 'student')],
    loadChildren: () => import('./settings/settings.routes').then((m) => m.settingsRoutes),
  },
  {
    path: 'tenants',
    canActivate: [roleGuard('operator')],
    loadChildren: () => import('./tenants/tenants.routes').then((m) => m.tenantsRoutes),
  },
  {
    path: 'deletion-requests',
    canActivate: [roleGuard('admin')],
    loadChildren: () => import('./deletion-requests/deletion-requests.routes').then((m) => m.deletionRequestsRoutes),
  },
  {
    path: 'privacy',
    loadChildren: () => import('./privacy/privacy.routes').then((m) => m.privacyRoutes),
  },
  {
    path: 'sign-in-settings',
    canActivate: [roleGuard('admin')],
    loadChildren: () => import('./sign-in-settings/sign-in-settings.routes').then((m) => m.signInSettingsRoutes),
  },
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
  {
    path: 'api-tokens',
    canActivate: [roleGuard('admin')],
    loadChildren: () => import('./api-tokens/api-tokens.routes').then((m) => m.apiTokensRoutes),
  },
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
  {
    path: '**',
    title: 'Page not found',
    loadComponent: () => import('./not-found/not-found').then((m) => m.NotFound),
  },
];
