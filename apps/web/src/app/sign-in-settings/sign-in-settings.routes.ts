import { Route } from '@angular/router';

export const signInSettingsRoutes: Route[] = [
  {
    path: '',
    title: 'Sign-in',
    loadComponent: () => import('./sign-in-settings').then((m) => m.SignInSettings),
  },
];
