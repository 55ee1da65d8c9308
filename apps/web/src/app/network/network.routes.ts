import { Route } from '@angular/router';
import { lazyPage } from '@fieldwork/web-core';

/** Student: their network of contacts. Mounted at /network behind roleGuard('student'). */
export const networkRoutes: Route[] = [
  lazyPage('', 'My network', () => import('./network-page').then((m) => m.NetworkPage)),
  lazyPage(':id', 'Contact', () => import('./contact-page').then((m) => m.ContactPage)),
];
