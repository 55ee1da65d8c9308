import { Route } from '@angular/router';
import { lazyPage } from '@fieldwork/web-core';

/** The privacy page: open to everyone, signed in or not. */
export const privacyRoutes: Route[] = [
  lazyPage('', 'Privacy', () => import('./privacy-page').then((m) => m.PrivacyPage)),
];
