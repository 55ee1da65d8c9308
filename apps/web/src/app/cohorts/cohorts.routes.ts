import { Route } from '@angular/router';

export const cohortsRoutes: Route[] = [
  {
    path: '',
    title: 'Cohorts',
    loadComponent: () => import('./cohorts-page').then((m) => m.CohortsPage),
  },
  {
    path: ':id',
    title: 'Cohort',
    loadComponent: () => import('./cohort-page').then((m) => m.CohortPage),
  },
  {
    path: ':id/assign',
    title: 'Assign homework',
    loadComponent: () => import('./assign-page').then((m) => m.AssignPage),
  },
];
