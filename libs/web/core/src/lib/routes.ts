import type { Route } from '@angular/router';
import type { PrincipalRole } from '@fieldwork/contracts';
import { roleGuard } from './auth.guards';

/** A page of the app: its path, its document title, and its component, loaded when the page is first opened. */
export function lazyPage(path: string, title: string, loadComponent: NonNullable<Route['loadComponent']>): Route {
  return { path, title, loadComponent };
}

/** A part of the app only `roles` may open (`roleGuard`); its routes load when it is first opened. */
export function roleSection(path: string, roles: PrincipalRole[], loadChildren: NonNullable<Route['loadChildren']>): Route {
  return { path, canActivate: [roleGuard(...roles)], loadChildren };
}
