import { Route } from '@angular/router';

export const deletionRequestsRoutes: Route[] = [
  {
    path: '',
    title: 'Deletion requests',
    loadComponent: () => import('./deletion-requests-page').then((m) => m.DeletionRequestsPage),
  },
];
