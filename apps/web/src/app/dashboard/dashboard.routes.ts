import { Route } from '@angular/router';

export const dashboardRoutes: Route[] = [
  {
    path: '',
    title: 'Dashboard',
    loadComponent: () => import('./dashboard-page').then((m) => m.DashboardPage),
  },
];
