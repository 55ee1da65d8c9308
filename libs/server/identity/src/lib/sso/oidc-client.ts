import type * as OpenIdClient from 'openid-client';

/**
 * openid-client v6 is ESM-only: loaded once with a dynamic import (Node 20.19+ `require(esm)` at run time;
 * Jest transforms it), so the rest of the code can stay CommonJS.
 */
let loaded: Promise<typeof OpenIdClient> | undefined;

export function openIdClient(): Promise<typeof OpenIdClient> {
  loaded ??= import('openid-client');
  return loaded;
}

export type { OpenIdClient };
