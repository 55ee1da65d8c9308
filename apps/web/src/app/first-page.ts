import type { Route } from '@angular/router';
import { signedOutGuard } from '@fieldwork/web-core';

/** Whether the visitor will get through this route's guards (as far as can be told before start). */
export type GuardsLetThrough = (route: Route) => boolean;

/**
 * The lazy component of the page at `path`, found by walking the routes' static shape
 * (literal segments, `:param` matches one segment; `**` and `loadChildren` are not followed).
 * Null when no route with `loadComponent` matches, or when a guard on the way will send the
 * visitor elsewhere.
 */
export function firstPageLoader(routes: Route[], path: string, letsThrough: GuardsLetThrough): (() => unknown) | null {
  const segments = path.split('?')[0].split('#')[0].split('/').filter(Boolean);
  return find(routes, segments, letsThrough);
}

function find(routes: Route[], segments: string[], letsThrough: GuardsLetThrough): (() => unknown) | null {
  for (const route of routes) {
    if (route.path === undefined || route.path === '**' || route.redirectTo !== undefined) continue;
    const own = route.path.split('/').filter(Boolean);
    if (own.length > segments.length) continue;
    if (!own.every((segment, i) => segment.startsWith(':') || segment === segments[i])) continue;
    const rest = segments.slice(own.length);
    if (route.children) {
      if (!letsThrough(route)) continue;
      const found = find(route.children, rest, letsThrough);
      if (found) return found;
      continue;
    }
    if (rest.length === 0 && route.loadComponent) return letsThrough(route) ? route.loadComponent : null;
  }
  return null;
}

/**
 * Starts downloading the first page's component while Angular boots, instead of after the
 * first navigation has begun: the router imports the same module later and gets it from the
 * module map. Never fails (a failed download is retried by the router, which reports it).
 */
export function warmFirstPage(routes: Route[], path: string, letsThrough: GuardsLetThrough): void {
  const loader = firstPageLoader(routes, path, letsThrough);
  if (!loader) return;
  Promise.resolve()
    .then(loader)
    .catch(() => undefined);
}

/**
 * Before start, the session hint is all there is to go on: signed out, only pages without a
 * guard or behind the signed-out guard (sign-in) open; with a session, any page but those.
 */
export function guardsLetThroughOnStart(signedIn: boolean): GuardsLetThrough {
  return (route) => {
    const guards = route.canActivate ?? [];
    if (guards.length === 0) return true;
    const forSignedOut = guards.every((guard) => guard === signedOutGuard);
    return signedIn ? !forSignedOut : forSignedOut;
  };
}
