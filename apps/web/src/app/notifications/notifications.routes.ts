import { Route } from '@angular/router';

export const notificationsRoutes: Route[] = [
  {
    path: '',
    title: 'Notifications',
    loadComponent: () => import('./inbox-page').then((m) => m.InboxPage),
  },
];
