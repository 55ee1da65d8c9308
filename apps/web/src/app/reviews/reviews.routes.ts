import { Route } from '@angular/router';
import { lazyPage } from '@fieldwork/web-core';

export const reviewsRoutes: Route[] = [
  lazyPage('', 'Reviews', () => import('./review-queue').then((m) => m.ReviewQueue)),
  lazyPage(':taskId', 'Review a reflection', () => import('./review-page').then((m) => m.ReviewPage)),
];
