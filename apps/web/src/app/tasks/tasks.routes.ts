import { Route } from '@angular/router';

/** Student: their homework. Mounted at /tasks behind roleGuard('student'). */
export const tasksRoutes: Route[] = [
  {
    path: '',
    title: 'My tasks',
    loadComponent: () => import('./task-list-page').then((m) => m.TaskListPage),
  },
  {
    path: ':id',
    title: 'Task',
    loadComponent: () => import('./task-page').then((m) => m.TaskPage),
  },
];
