import { Route } from '@angular/router';

export const rosterRoutes: Route[] = [
  {
    path: '',
    title: 'Roster import',
    loadComponent: () => import('./roster-import').then((m) => m.RosterImport),
  },
];
