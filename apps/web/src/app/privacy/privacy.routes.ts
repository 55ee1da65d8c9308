import { Route } from '@angular/router';

/** The privacy page: open to everyone, signed in or not. */
export const privacyRoutes: Route[] = [
  {
    path: '',
    title: 'Privacy',
    loadComponent: () => import('./privacy-page').then((m) => m.PrivacyPage),
  },
];
