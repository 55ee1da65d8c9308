import { Route } from '@angular/router';
import { lazyPage } from '@fieldwork/web-core';

export const notificationsRoutes: Route[] = [
  lazyPage('', 'Notifications', () => import('./inbox-page').then((m) => m.InboxPage)),
];
