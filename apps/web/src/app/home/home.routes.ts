import { Route } from '@angular/router';
import { lazyPage } from '@fieldwork/web-core';

export const homeRoutes: Route[] = [
  lazyPage('', 'Home', () => import('./home').then((m) => m.Home)),
];
