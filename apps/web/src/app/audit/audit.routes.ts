import { Route } from '@angular/router';

export const auditRoutes: Route[] = [
  {
    path: '',
    title: 'Audit log',
    loadComponent: () => import('./audit-page').then((m) => m.AuditPage),
  },
];
