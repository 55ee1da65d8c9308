import { Route } from '@angular/router';
import { lazyPage } from '@fieldwork/web-core';

export const dashboardRoutes: Route[] = [
  lazyPage('', 'Dashboard', () => import('./dashboard-page').then((m) => m.DashboardPage)),
];
