import { Route } from '@angular/router';

export const settingsRoutes: Route[] = [
  {
    path: '',
    title: 'Settings',
    loadComponent: () => import('./settings-page').then((m) => m.SettingsPage),
  },
];
