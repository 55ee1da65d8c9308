import { Route } from '@angular/router';
import { lazyPage } from '@fieldwork/web-core';

export const auditRoutes: Route[] = [
  lazyPage('', 'Audit log', () => import('./audit-page').then((m) => m.AuditPage)),
];
