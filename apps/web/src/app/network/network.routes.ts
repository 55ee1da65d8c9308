import { Route } from '@angular/router';

/** Student: their network of contacts. Mounted at /network behind roleGuard('student'). */
export const networkRoutes: Route[] = [
  {
    path: '',
    title: 'My network',
    loadComponent: () => import('./network-page').then((m) => m.NetworkPage),
  },
  {
    path: ':id',
    title: 'Contact',
    loadComponent: () => import('./contact-page').then((m) => m.ContactPage),
  },
];
