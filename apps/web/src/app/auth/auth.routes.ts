import { Route } from '@angular/router';
import { signedOutGuard } from '@fieldwork/web-core';

export const authRoutes: Route[] = [
  {
    path: 'sign-in',
    title: 'Sign in',
    canActivate: [signedOutGuard],
    loadComponent: () => import('./sign-in').then((m) => m.SignIn),
  },
  {
    path: 'accept-invitation',
    title: 'Accept your invitation',
    loadComponent: () => import('./accept-invitation').then((m) => m.AcceptInvitation),
  },
];
