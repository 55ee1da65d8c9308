import { inject } from '@angular/core';
import { CanActivateFn, Router } from '@angular/router';
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

/** Lets through users with one of the roles; others go home (or to sign in). */
export function roleGuard(...roles: PrincipalRole[]): CanActivateFn {
  return (route, state) => {
    const auth = inject(AuthService);
    if (!auth.isSignedIn()) return signedInGuard(route, state);
    if (auth.hasRole(...roles)) return true;
    const home = homeUrlFor(auth.user());
    return inject(Router).parseUrl(home === state.url ? '/' : home);
  };
}

/** For /sign-in: someone already signed in goes to their home page. */
export const signedOutGuard: CanActivateFn = () => {
  const auth = inject(AuthService);
  if (!auth.isSignedIn()) return true;
  return inject(Router).parseUrl(homeUrlFor(auth.user()));
};
