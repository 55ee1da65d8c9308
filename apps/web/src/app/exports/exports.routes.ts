import { Route } from '@angular/router';
import { lazyPage } from '@fieldwork/web-core';

export const exportsRoutes: Route[] = [
  lazyPage('', 'Exports', () => import('./exports-page').then((m) => m.ExportsPage)),
];
