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
    path: ':id/gradebook',
    title: 'Gradebook',
    loadComponent: () => import('./gradebook/gradebook-page').then((m) => m.GradebookPage),
  },
  {
    path: ':id/assign',
    title: 'Assign homework',
    loadComponent: () => import('./assign-page').then((m) => m.AssignPage),
  },
];
