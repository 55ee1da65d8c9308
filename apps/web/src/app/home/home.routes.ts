import { Route } from '@angular/router';

export const homeRoutes: Route[] = [
  {
    path: '',
    title: 'Home',
    loadComponent: () => import('./home').then((m) => m.Home),
  },
];
