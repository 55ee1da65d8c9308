import { Route } from '@angular/router';
import { roleGuard, signedInGuard } from '@fieldwork/web-core';

export const appRoutes: Route[] = [
  {
    path: '',
    pathMatch: 'full',
    canActivate: [signedInGuard],
    loadChildren: () => import('./home/home.routes').then((m) => m.homeRoutes),
  },
  {
    path: 'people',
    canActivate: [roleGuard('admin')],
    loadChildren: () => import('./people/people.routes').then((m) => m.peopleRoutes),
  },
  {
    path: 'tenants',
    canActivate: [roleGuard('operator')],
    loadChildren: () => import('./tenants/tenants.routes').then((m) => m.tenantsRoutes),
  },
  {
    path: '',
    loadChildren: () => import('./auth/auth.routes').then((m) => m.authRoutes),
  },
  {
    path: '**',
    title: 'Page not found',
    loadComponent: () => import('./not-found/not-found').then((m) => m.NotFound),
  },
];
