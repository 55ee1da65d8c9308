/** What an API token may do. Only roster import for now: a registrar's nightly job pushes the roster. */
export const API_TOKEN_SCOPES = ['roster:import'] as const;
export type ApiTokenScope = (typeof API_TOKEN_SCOPES)[number];

/** Every API token starts with this, so a token is recognisable in a script or a leaked log. */
export const API_TOKEN_PREFIX = 'fwt_';
export const API_TOKEN_NAME_MAX = 100;

export interface CreateApiTokenRequest {
  name: string;
  scope: ApiTokenScope;
}

export interface ApiTokenSummary {
  id: string;
  name: string;
  scope: ApiTokenScope;
  /** The start of the token (prefix and a few characters) to tell tokens apart; the token itself is never shown again. */
  hint: string;
  createdAt: string;
  createdBy: { id: string; name: string };
  lastUsedAt: string | null;
  revokedAt: string | null;
  revoked: boolean;
}

/** The answer to creating a token: the only time the token is shown. */
export interface CreatedApiToken extends ApiTokenSummary {
  token: string;
}

export interface ApiTokenList {
  items: ApiTokenSummary[];
}
