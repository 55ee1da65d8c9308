import { Route } from '@angular/router';

export const reviewsRoutes: Route[] = [
  {
    path: '',
    title: 'Reviews',
    loadComponent: () => import('./review-queue').then((m) => m.ReviewQueue),
  },
  {
    path: ':taskId',
    title: 'Review a reflection',
    loadComponent: () => import('./review-page').then((m) => m.ReviewPage),
  },
];
