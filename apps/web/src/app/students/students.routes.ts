import { Route } from '@angular/router';

export const studentsRoutes: Route[] = [
  {
    path: ':id',
    title: 'Student',
    loadComponent: () => import('./student-page').then((m) => m.StudentPage),
  },
];
