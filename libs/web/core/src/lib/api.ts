/** Every API call goes to the same origin under this prefix. */
export const API_BASE = '/api';

/** Endpoints under this prefix handle sessions themselves: no refresh-and-replay for them. */
export const AUTH_API_PREFIX = `${API_BASE}/auth/`;

/** True for a relative `/api/...` URL or an absolute one on this page's origin. */
export function isApiUrl(url: string): boolean {
  return pathOf(url) === API_BASE || pathOf(url).startsWith(`${API_BASE}/`);
}

export function isAuthEndpoint(url: string): boolean {
  return pathOf(url).startsWith(AUTH_API_PREFIX);
}

function pathOf(url: string): string {
  if (url.startsWith('/')) return url;
  try {
    const origin = typeof location === 'undefined' ? undefined : location.origin;
    const parsed = new URL(url, origin);
    return origin && parsed.origin === origin ? parsed.pathname : '';
  } catch {
    return '';
  }
}
