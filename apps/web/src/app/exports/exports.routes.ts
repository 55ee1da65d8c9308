import { Route } from '@angular/router';

export const exportsRoutes: Route[] = [
  {
    path: '',
    title: 'Exports',
    loadComponent: () => import('./exports-page').then((m) => m.ExportsPage),
  },
];
