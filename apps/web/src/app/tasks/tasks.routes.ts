import { Route } from '@angular/router';
import { lazyPage } from '@fieldwork/web-core';

/** Student: their homework. Mounted at /tasks behind roleGuard('student'). */
export const tasksRoutes: Route[] = [
  lazyPage('', 'My tasks', () => import('./task-list-page').then((m) => m.TaskListPage)),
  lazyPage(':id', 'Task', () => import('./task-page').then((m) => m.TaskPage)),
];
