import type { SsoMatchBy, SsoProtocol } from '@fieldwork/contracts';

/** One career center's SSO row, as the services use it. */
export interface SsoConfigRow {
  tenant_id: string;
  protocol: SsoProtocol;
  display_name: string | null;
  oidc_issuer: string | null;
  oidc_client_id: string | null;
  oidc_client_secret_enc: string | null;
  saml_metadata_xml: string | null;
  saml_metadata_url: string | null;
  saml_idp_entity_id: string | null;
  saml_idp_sso_url: string | null;
  saml_idp_certs: string[];
  metadata_fetched_at: Date | null;
  match_by: SsoMatchBy;
  attribute: string | null;
  enabled: boolean;
  test_mode: boolean;
  students_sso_only: boolean;
  jit_cohort_id: string | null;
}

/** The SP's own URLs for a career center, from the public base URL of the app. */
export function serviceProviderUrls(base: string, slug: string) {
  const root = `${base}/api/sso/${slug}`;
  return {
    entityId: `${root}/saml/metadata`,
    acsUrl: `${root}/saml/acs`,
    metadataUrl: `${root}/saml/metadata`,
    oidcRedirectUrl: `${root}/oidc/callback`,
    startUrl: `${root}/start`,
  };
}

/** Whether a `returnTo` is a path inside the app (no scheme, host, `//`, backslash or control characters). */
export function safeReturnPath(value: unknown): string {
  if (typeof value !== 'string' || value.length > 500) return '/';
  if (!value.startsWith('/') || value.startsWith('//') || value.includes('\\')) return '/';
  if ([...value].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) return '/';
  if (value.startsWith('/api/')) return '/';
  return value;
}
