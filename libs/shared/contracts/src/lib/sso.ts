/** Campus single sign-on per career center (SAML 2.0 or OpenID Connect). */
export const SSO_PROTOCOLS = ['oidc', 'saml'] as const;
export type SsoProtocol = (typeof SSO_PROTOCOLS)[number];

/** Which IdP value identifies a person: OIDC `email` or `sub`; SAML `email`, `eppn` (eduPersonPrincipalName) or `studentId` (an attribute). */
export const SSO_MATCH_BY = ['email', 'sub', 'eppn', 'studentId'] as const;
export type SsoMatchBy = (typeof SSO_MATCH_BY)[number];
export const OIDC_MATCH_BY: readonly SsoMatchBy[] = ['email', 'sub'];
export const SAML_MATCH_BY: readonly SsoMatchBy[] = ['email', 'eppn', 'studentId'];

/** The well-known SAML attribute names, used when the admin names none. */
export const SAML_DEFAULT_ATTRIBUTES: Record<'email' | 'eppn' | 'studentId', string> = {
  email: 'urn:oid:0.9.2342.19200300.100.1.3',
  eppn: 'urn:oid:1.3.6.1.4.1.5923.1.1.1.6',
  studentId: 'studentId',
};

/** What an admin sends (PUT /api/tenant/sso). `clientSecret` left out keeps the stored one. */
export interface SsoSettingsRequest {
  protocol: SsoProtocol;
  /** The button's text: "Sign in with <displayName>" (default: the career center's name). */
  displayName?: string | null;
  issuer?: string | null;
  clientId?: string | null;
  clientSecret?: string | null;
  metadataXml?: string | null;
  metadataUrl?: string | null;
  matchBy: SsoMatchBy;
  /** SAML: the attribute holding the value (its name or OID); the well-known one when empty. */
  attribute?: string | null;
  enabled: boolean;
  testMode: boolean;
  studentsSsoOnly: boolean;
  /** Just-in-time creation of unknown students into this cohort; null: off. */
  jitCohortId?: string | null;
  /** E-mail domains the career center claims, so the sign-in page finds it from an address ("uni.edu"). */
  domains?: string[];
}

/** What the admin sees (the secret never leaves the server; only whether one is stored). */
export interface SsoSettings {
  configured: boolean;
  protocol: SsoProtocol;
  displayName: string | null;
  issuer: string | null;
  clientId: string | null;
  hasClientSecret: boolean;
  metadataXml: string | null;
  metadataUrl: string | null;
  /** SAML: the IdP's entity id and certificates as read from its metadata. */
  idpEntityId: string | null;
  idpCertificates: SsoCertificate[];
  metadataFetchedAt: string | null;
  matchBy: SsoMatchBy;
  attribute: string | null;
  enabled: boolean;
  testMode: boolean;
  studentsSsoOnly: boolean;
  jitCohortId: string | null;
  domains: string[];
  /** The values to give the campus IT office. */
  serviceProvider: SsoServiceProvider;
}

export interface SsoCertificate {
  subject: string | null;
  notAfter: string | null;
  fingerprint: string;
}

export interface SsoServiceProvider {
  entityId: string;
  acsUrl: string;
  metadataUrl: string;
  oidcRedirectUrl: string;
  startUrl: string;
}

export const SSO_ATTEMPT_OUTCOMES = ['signed_in', 'linked', 'created', 'test_ok', 'refused'] as const;
export type SsoAttemptOutcome = (typeof SSO_ATTEMPT_OUTCOMES)[number];

/** One SSO attempt, for the status panel (last 20). */
export interface SsoAttempt {
  id: string;
  at: string;
  protocol: SsoProtocol;
  outcome: SsoAttemptOutcome;
  /** Plain words: "The response's signature is not valid", "Nobody in the roster has this e-mail"… */
  reason: string | null;
  /** The identifier the IdP sent (for unknown-person failures), masked for e-mails. */
  subject: string | null;
  test: boolean;
}

/** Public: what the sign-in page shows for a career center (or an e-mail domain). */
export interface SsoDiscovery {
  tenant: { slug: string; name: string } | null;
  sso: { displayName: string; startUrl: string; studentsSsoOnly: boolean } | null;
}

/** Why a sign-in through SSO failed, for the web error page (`/sso/error?reason=…`). */
export const SSO_ERROR_CODES = ['failed', 'not_configured', 'expired', 'disabled'] as const;
export type SsoErrorCode = (typeof SSO_ERROR_CODES)[number];

/** What a students-SSO-only career center answers to a student's password sign-in. */
export const SSO_ONLY_MESSAGE = 'Your career center signs students in with the campus account: use the “Sign in with” button instead of a password.';
