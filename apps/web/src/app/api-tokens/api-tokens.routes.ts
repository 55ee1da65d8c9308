import { Route } from '@angular/router';

export const apiTokensRoutes: Route[] = [
  {
    path: '',
    title: 'API tokens',
    loadComponent: () => import('./api-tokens-page').then((m) => m.ApiTokensPage),
  },
];
