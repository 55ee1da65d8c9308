import { Route } from '@angular/router';
import { lazyPage } from '@fieldwork/web-core';

export const deletionRequestsRoutes: Route[] = [
  lazyPage('', 'Deletion requests', () => import('./deletion-requests-page').then((m) => m.DeletionRequestsPage)),
];
