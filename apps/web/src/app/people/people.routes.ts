import { Route } from '@angular/router';

export const peopleRoutes: Route[] = [
  {
    path: '',
    title: 'People',
    loadComponent: () => import('./people-page').then((m) => m.PeoplePage),
  },
];
