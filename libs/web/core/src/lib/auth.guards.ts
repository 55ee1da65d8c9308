import { inject } from '@angular/core';
import { CanActivateFn, RedirectCommand, Router } from '@angular/router';
import type { PrincipalRole } from '@fieldwork/contracts';
import { AuthService } from './auth.service';
import { homeUrlFor } from './roles';

/** Lets signed-in users through; others go to /sign-in?returnUrl=... */
export const signedInGuard: CanActivateFn = (_route, state) => {
  const auth = inject(AuthService);
  if (auth.isSignedIn()) return true;
  return inject(Router).createUrlTree(['/sign-in'], {
    queryParams: state.url && state.url !== '/' ? { returnUrl: state.url } : {},
  });
};

/** Where a signed-in user who may not see a page is told so (the address they opened stays in the bar). */
export const NO_ACCESS_PATH = '/no-access';

/**
 * Lets through users with one of the roles. Signed-out visitors go to sign in;
 * a user of a career center without the role sees "You don't have access to
 * this page" at the address they opened (not a silent trip home); operators,
 * who have no career-center pages at all, go to Tenants.
 */
export function roleGuard(...roles: PrincipalRole[]): CanActivateFn {
  return (route, state) => {
    const auth = inject(AuthService);
    if (!auth.isSignedIn()) return signedInGuard(route, state);
    if (auth.hasRole(...roles)) return true;
    const router = inject(Router);
    if (auth.hasRole('operator')) {
      const home = homeUrlFor(auth.user());
      return router.parseUrl(home === state.url ? '/' : home);
    }
    return new RedirectCommand(router.parseUrl(NO_ACCESS_PATH), { browserUrl: state.url });
  };
}

/** For /sign-in: someone already signed in goes to their home page. */
export const signedOutGuard: CanActivateFn = () => {
  const auth = inject(AuthService);
  if (!auth.isSignedIn()) return true;
  return inject(Router).parseUrl(homeUrlFor(auth.user()));
};
