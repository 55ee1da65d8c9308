import { Route } from '@angular/router';

export const tenantsRoutes: Route[] = [
  {
    path: '',
    title: 'Tenants',
    loadComponent: () => import('./tenants-page').then((m) => m.TenantsPage),
  },
];
