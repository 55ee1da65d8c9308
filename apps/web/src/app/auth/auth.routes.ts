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
    path: 'forgot-password',
    title: 'Forgot your password?',
    canActivate: [signedOutGuard],
    loadComponent: () => import('./forgot-password').then((m) => m.ForgotPassword),
  },
  {
    path: 'reset-password',
    title: 'Choose a new password',
    loadComponent: () => import('./reset-password').then((m) => m.ResetPassword),
  },
  {
    path: 'accept-invitation',
    title: 'Accept your invitation',
    loadComponent: () => import('./accept-invitation').then((m) => m.AcceptInvitation),
  },
];
