import { Route } from '@angular/router';

/** The pages a campus sign-in can end on (no session needed). */
export const ssoRoutes: Route[] = [
  {
    path: 'not-added',
    title: 'Your career center hasn’t added you yet',
    loadComponent: () => import('./not-added').then((m) => m.SsoNotAdded),
  },
  {
    path: 'error',
    title: 'Campus sign-in didn’t work',
    loadComponent: () => import('./sso-error').then((m) => m.SsoError),
  },
];
