import { Injectable, Logger } from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { CacheItem, CacheProvider, SAML, ValidateInResponseTo } from '@node-saml/node-saml';
import { AuditService, Passwords, TenantDatabase, UserAuth } from '@fieldwork/server-core';
import { SAML_DEFAULT_ATTRIBUTES, type Role, type SsoAttemptOutcome, type SsoProtocol } from '@fieldwork/contracts';
import { IssuedSession, SessionsService } from '../auth/sessions.service';
import { maskEmail } from '../auth/auth.service';
import { SecretBox } from './secret-box';
import { isSigned, responseTargets, toPem } from './saml-metadata';
import { SsoConfigRow, safeReturnPath, serviceProviderUrls } from './sso-config';
import {
  StartedRequestRow,
  SsoTenantRow,
  claimSsoRequest,
  emailTaken,
  insertJitStudent,
  insertSsoAttempt,
  insertSsoRequest,
  insertUserIdentity,
  linkedUser,
  pendingSamlRequest,
  setPasswordIfNone,
  ssoConfig,
  ssoTenantById,
  ssoTenantBySlug,
  touchUserIdentity,
  userMatching,
} from './sso.queries';
import { openIdClient } from './oidc-client';

/** How long a started sign-in may take at the IdP. */
const REQUEST_TTL_MS = 10 * 60_000;
/** Clock skew accepted on SAML NotBefore / NotOnOrAfter. */
const CLOCK_SKEW_MS = 90_000;

/** Where the browser goes next, and the session to set as the refresh cookie when the sign-in succeeded. */
export interface SsoOutcome {
  location: string;
  session?: IssuedSession;
}

/** What the IdP said about the person, once its answer is verified. */
interface Asserted {
  protocol: SsoProtocol;
  provider: string;
  subject: string;
  /** The value the career center matches on (e-mail, eppn, student id, sub). */
  matchValue: string | null;
  email: string | null;
  name: string | null;
}

type StartedRequest = StartedRequestRow;

/** A refusal with a plain reason for the status panel, and the page the person sees. */
class Refusal extends Error {
  constructor(
    readonly reason: string,
    readonly page: 'error' | 'not-added' = 'error',
    readonly subject: string | null = null,
    /** Someone the roster does not know: the `auth.sso_unknown_person` audit event's details. */
    readonly unknownPerson?: Record<string, string>,
  ) {
    super(reason);
  }
}

type Tenant = SsoTenantRow;

/**
 * Signing in through the career center's IdP: starts a sign-in (state, nonce and PKCE for OIDC;
 * a tracked request id for SAML), verifies what comes back with maintained libraries
 * (openid-client, node-saml), matches the person against the roster, links or creates the account,
 * and starts a session exactly as a password sign-in does. Every answer that comes back is an attempt
 * in the status panel, with a plain reason when it was refused.
 */
@Injectable()
export class SsoSignInService {
  private readonly logger = new Logger(SsoSignInService.name);

  constructor(
    private readonly tenantDb: TenantDatabase,
    private readonly sessions: SessionsService,
    private readonly secrets: SecretBox,
    private readonly audit: AuditService,
    private readonly passwords: Passwords,
  ) {}

  /** Where `GET /api/sso/:tenant/start` sends the browser: the IdP, or an error page of the app. */
  async start(slug: string, returnTo: unknown, base: string): Promise<string> {
    const tenant = await this.tenant(slug);
    if (!tenant) return errorPage('not_configured');
    const config = await this.configOf(tenant.id);
    if (!config?.enabled) return errorPage(config ? 'disabled' : 'not_configured', tenant.slug);
    return this.redirectToIdp(tenant, config, safeReturnPath(returnTo), null, base);
  }

  /** Test mode: an admin tries the configuration with their own account, before it is enabled. */
  async startTest(auth: UserAuth, base: string): Promise<string | null> {
    const tenant = await this.tenantDb.platform((db) => ssoTenantById(db, auth.tenantId));
    const config = await this.configOf(auth.tenantId);
    if (!tenant || !config || (!config.test_mode && !config.enabled)) return null;
    return this.redirectToIdp(tenant, config, '/sign-in-settings', auth.userId, base);
  }

  async oidcCallback(slug: string, callbackUrl: URL, base: string, ip?: string): Promise<SsoOutcome> {
    const tenant = await this.tenant(slug);
    if (!tenant) return { location: errorPage('not_configured') };
    return this.finish(tenant, 'oidc', ip, async (config) => {
      if (config.protocol !== 'oidc') throw new Refusal('An OpenID Connect answer came back, but the career center is set up for SAML');
      const state = callbackUrl.searchParams.get('state');
      const request = state ? await this.claimRequest(tenant.id, state, 'oidc') : null;
      if (!request) throw new Refusal('The OIDC state is unknown, expired or already used (a replayed or forged answer)');
      const idpError = callbackUrl.searchParams.get('error');
      if (idpError) {
        throw new Refusal(`The identity provider refused: ${(callbackUrl.searchParams.get('error_description') ?? idpError).slice(0, 200)}`);
      }
      const client = await openIdClient();
      const secret = config.oidc_client_secret_enc ? this.secrets.tryOpen(config.oidc_client_secret_enc, tenant.id) : null;
      if (!secret) throw new Refusal('The client secret cannot be read: enter it again on the Sign-in page');
      const issuer = config.oidc_issuer as string;
      let claims: Record<string, unknown>;
      try {
        const server = await client.discovery(new URL(issuer), config.oidc_client_id as string, secret, undefined, {
          execute: issuer.startsWith('http://') ? [client.allowInsecureRequests] : [],
          timeout: 10,
        });
        // The callback as registered (PUBLIC_URL), with the parameters the IdP sent.
        const current = new URL(serviceProviderUrls(base, tenant.slug).oidcRedirectUrl);
        current.search = callbackUrl.search;
        const tokens = await client.authorizationCodeGrant(server, current, {
          pkceCodeVerifier: request.code_verifier ?? undefined,
          expectedState: request.id,
          expectedNonce: request.nonce ?? undefined,
          idTokenExpected: true,
        });
        claims = { ...(tokens.claims() ?? {}) };
        // Many providers put e-mail and name in UserInfo only, not in the ID token.
        if (claims['email'] === undefined && tokens.access_token) {
          const info = await client.fetchUserInfo(server, tokens.access_token, String(claims['sub']));
          claims = { ...info, ...claims, email: info.email, email_verified: info.email_verified, name: claims['name'] ?? info.name };
        }
      } catch (error) {
        throw new Refusal(oidcReason(error as Error));
      }
      const sub = String(claims['sub'] ?? '');
      const email = typeof claims['email'] === 'string' && claims['email_verified'] !== false ? claims['email'].toLowerCase() : null;
      const asserted: Asserted = {
        protocol: 'oidc',
        provider: issuer,
        subject: sub,
        matchValue: config.match_by === 'sub' ? sub : email,
        email,
        name: typeof claims['name'] === 'string' ? claims['name'] : null,
      };
      return { request, asserted };
    });
  }

  async samlAcs(slug: string, body: { SAMLResponse?: unknown; RelayState?: unknown }, base: string, ip?: string): Promise<SsoOutcome> {
    const tenant = await this.tenant(slug);
    if (!tenant) return { location: errorPage('not_configured') };
    return this.finish(tenant, 'saml', ip, async (config) => {
      if (config.protocol !== 'saml') throw new Refusal('A SAML answer came back, but the career center is set up for OpenID Connect');
      const samlResponse = typeof body.SAMLResponse === 'string' ? body.SAMLResponse : '';
      if (!samlResponse || samlResponse.length > 1_000_000) throw new Refusal('No SAML response was posted');
      const sp = serviceProviderUrls(base, tenant.slug);
      const cache = new RequestCache(this.tenantDb, tenant.id);
      const saml = this.samlFor(config, sp, cache);
      let profile: Record<string, unknown>;
      try {
        const result = await saml.validatePostResponseAsync({ SAMLResponse: samlResponse });
        if (!result.profile) throw new Error('No assertion in the response');
        profile = result.profile as unknown as Record<string, unknown>;
      } catch (error) {
        throw new Refusal(samlReason(error as Error, samlResponse));
      }
      const targets = responseTargets(samlResponse);
      if (targets.destination && targets.destination !== sp.acsUrl) throw new Refusal('The response was sent to another address (Destination does not match the ACS URL)');
      if (targets.recipients.some((r) => r !== sp.acsUrl)) throw new Refusal('The assertion is for another address (Recipient does not match the ACS URL)');
      const inResponseTo = String(profile['inResponseTo'] ?? '');
      // Single use: the request is claimed once; a second post of the same response is a replay.
      const request = inResponseTo ? await this.claimRequest(tenant.id, inResponseTo, 'saml') : null;
      if (!request) throw new Refusal('The response answers no sign-in started here, or was already used (replay)');
      const nameId = String(profile['nameID'] ?? '');
      const attribute = (names: string[]) => {
        for (const name of names) {
          const value = profile[name];
          const first = Array.isArray(value) ? value[0] : value;
          if (typeof first === 'string' && first.trim()) return first.trim();
        }
        return null;
      };
      const emailValue = attribute([SAML_DEFAULT_ATTRIBUTES.email, 'email', 'mail', 'urn:oid:0.9.2342.19200300.100.1.3']) ?? (nameId.includes('@') ? nameId : null);
      const configured = config.attribute ? [config.attribute] : [];
      const matchValue =
        config.match_by === 'email'
          ? configured.length ? attribute(configured) : emailValue
          : config.match_by === 'eppn'
            ? attribute(configured.length ? configured : [SAML_DEFAULT_ATTRIBUTES.eppn, 'eduPersonPrincipalName', 'eppn'])
            : attribute(configured.length ? configured : [SAML_DEFAULT_ATTRIBUTES.studentId, 'studentId', 'studentID']);
      const asserted: Asserted = {
        protocol: 'saml',
        provider: config.saml_idp_entity_id as string,
        subject: nameId || (matchValue ?? ''),
        matchValue: matchValue && config.match_by !== 'studentId' ? matchValue.toLowerCase() : matchValue,
        email: emailValue?.toLowerCase() ?? null,
        name: attribute(['displayName', 'urn:oid:2.16.840.1.113730.3.1.241', 'cn', 'name']),
      };
      return { request, asserted };
    });
  }

  /** SP metadata of a career center (XML), for the campus IT office. */
  async spMetadata(slug: string, base: string): Promise<string | null> {
    const tenant = await this.tenant(slug);
    if (!tenant) return null;
    const sp = serviceProviderUrls(base, tenant.slug);
    const saml = new SAML({
      entryPoint: 'https://idp.invalid/',
      issuer: sp.entityId,
      callbackUrl: sp.acsUrl,
      idpCert: 'unused',
      wantAssertionsSigned: true,
      identifierFormat: null,
    });
    return saml.generateServiceProviderMetadata(null, null);
  }

  private async redirectToIdp(tenant: Tenant, config: SsoConfigRow, returnTo: string, testUserId: string | null, base: string): Promise<string> {
    const sp = serviceProviderUrls(base, tenant.slug);
    const expiresAt = new Date(Date.now() + REQUEST_TTL_MS);
    if (config.protocol === 'oidc') {
      const client = await openIdClient();
      const secret = config.oidc_client_secret_enc ? this.secrets.tryOpen(config.oidc_client_secret_enc, tenant.id) : null;
      const issuer = config.oidc_issuer as string;
      let server: Awaited<ReturnType<typeof client.discovery>>;
      try {
        server = await client.discovery(new URL(issuer), config.oidc_client_id as string, secret ?? undefined, undefined, {
          execute: issuer.startsWith('http://') ? [client.allowInsecureRequests] : [],
          timeout: 10,
        });
      } catch (error) {
        this.logger.warn(`tenant ${tenant.id}: OIDC discovery failed: ${(error as Error).message}`);
        await this.recordAttempt(tenant.id, 'oidc', 'refused', 'The identity provider could not be reached (discovery failed)', null, null, Boolean(testUserId));
        return errorPage('failed', tenant.slug);
      }
      const state = client.randomState();
      const nonce = client.randomNonce();
      const verifier = client.randomPKCECodeVerifier();
      await this.tenantDb.transaction(tenant.id, (db) =>
        insertSsoRequest(db, tenant.id, { id: state, protocol: 'oidc', nonce, codeVerifier: verifier, returnTo, testUserId, expiresAt }),
      );
      return client
        .buildAuthorizationUrl(server, {
          redirect_uri: sp.oidcRedirectUrl,
          scope: 'openid email profile',
          state,
          nonce,
          code_challenge: await client.calculatePKCECodeChallenge(verifier),
          code_challenge_method: 'S256',
        })
        .toString();
    }
    const cache = new RequestCache(this.tenantDb, tenant.id, { returnTo, testUserId, expiresAt });
    return this.samlFor(config, sp, cache).getAuthorizeUrlAsync('', undefined, {});
  }

  private samlFor(config: SsoConfigRow, sp: ReturnType<typeof serviceProviderUrls>, cache: CacheProvider): SAML {
    return new SAML({
      entryPoint: config.saml_idp_sso_url as string,
      issuer: sp.entityId,
      audience: sp.entityId,
      callbackUrl: sp.acsUrl,
      idpCert: config.saml_idp_certs.map(toPem),
      idpIssuer: config.saml_idp_entity_id ?? undefined,
      // Either the response or the assertion must carry a valid signature (node-saml refuses an answer with neither).
      wantAssertionsSigned: false,
      wantAuthnResponseSigned: false,
      validateInResponseTo: ValidateInResponseTo.always,
      requestIdExpirationPeriodMs: REQUEST_TTL_MS,
      cacheProvider: cache,
      acceptedClockSkewMs: CLOCK_SKEW_MS,
      identifierFormat: null,
      disableRequestedAuthnContext: true,
    });
  }

  /** Runs the protocol's verification, then matching, linking and the session; every outcome is an attempt. */
  private async finish(
    tenant: Tenant,
    protocol: SsoProtocol,
    ip: string | undefined,
    verify: (config: SsoConfigRow) => Promise<{ request: StartedRequest; asserted: Asserted }>,
  ): Promise<SsoOutcome> {
    const config = await this.configOf(tenant.id);
    if (!config) return { location: errorPage('not_configured', tenant.slug) };
    let test = false;
    try {
      const { request, asserted } = await verify(config);
      test = Boolean(request.test_user_id);
      if (!test && !config.enabled) throw new Refusal('Campus sign-in is turned off for this career center');
      if (!asserted.matchValue) throw new Refusal(`The identity provider sent no ${config.match_by === 'studentId' ? 'student id' : config.match_by} to match on`);
      return await this.tenantDb.transaction(tenant.id, (db) => this.signInMatched(db, tenant, config, request, asserted, ip));
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      const refusal = error;
      await this.tenantDb.transaction(tenant.id, async (db) => {
        await this.recordAttempt(tenant.id, protocol, 'refused', refusal.reason, refusal.subject, null, test, db);
        if (refusal.unknownPerson) {
          await this.audit.record(db, { tenantId: tenant.id, action: 'auth.sso_unknown_person', actorId: null, ip, details: refusal.unknownPerson });
        }
      });
      if (error.page === 'not-added') return { location: `/sso/not-added?center=${encodeURIComponent(tenant.slug)}` };
      return { location: test ? `/sign-in-settings?test=failed` : errorPage('failed', tenant.slug) };
    }
  }

  private async signInMatched(
    db: EntityManager,
    tenant: Tenant,
    config: SsoConfigRow,
    request: StartedRequest,
    asserted: Asserted,
    ip: string | undefined,
  ): Promise<SsoOutcome> {
    const shownSubject = asserted.matchValue?.includes('@') ? maskEmail(asserted.matchValue) : (asserted.matchValue ?? '').slice(0, 100);
    let user: { id: string; role: Role; active: boolean } | undefined = await linkedUser(db, tenant.id, asserted.provider, asserted.subject);
    let outcome: SsoAttemptOutcome = 'signed_in';
    if (!user) {
      const column = config.match_by === 'studentId' || config.match_by === 'sub' ? 'student_id' : 'email';
      user = await userMatching(db, tenant.id, column, asserted.matchValue);
      if (user) outcome = 'linked';
    }

    if (request.test_user_id) {
      // Test mode: nothing is linked or created and no session starts; the admin learns whether it would work.
      const reason = !user
        ? `Nobody in the roster matches ${shownSubject}`
        : user.id !== request.test_user_id
          ? 'The IdP’s answer matched another person’s account, not yours'
          : null;
      await this.recordAttempt(tenant.id, asserted.protocol, reason ? 'refused' : 'test_ok', reason, shownSubject, user?.id ?? null, true, db);
      return { location: `/sign-in-settings?test=${reason ? 'failed' : 'ok'}` };
    }

    if (!user) {
      const email = asserted.email ?? (asserted.matchValue?.includes('@') ? asserted.matchValue : null);
      if (!config.jit_cohort_id || !email) {
        // Audited with the attempt, after this transaction is rolled back (nothing is created).
        throw new Refusal(`Nobody in the roster matches ${shownSubject}`, 'not-added', shownSubject, {
          protocol: asserted.protocol,
          matchBy: config.match_by,
          value: shownSubject,
        });
      }
      if (await emailTaken(db, tenant.id, email)) throw new Refusal(`${maskEmail(email)} belongs to an account that does not match on ${config.match_by}`, 'error', shownSubject);
      const id = randomUUID();
      await insertJitStudent(db, tenant.id, {
        id,
        email,
        name: (asserted.name ?? email.split('@')[0]).slice(0, 200),
        passwordHash: await this.unusablePassword(),
        studentId: (config.match_by === 'studentId' || config.match_by === 'sub') && (asserted.matchValue?.length ?? 0) <= 64 ? asserted.matchValue : null,
        cohortId: config.jit_cohort_id,
      });
      user = { id, role: 'student', active: true };
      outcome = 'created';
    }
    if (!user.active) throw new Refusal('This account is deactivated', 'error', shownSubject);

    if (outcome !== 'signed_in') {
      await insertUserIdentity(db, tenant.id, { id: randomUUID(), userId: user.id, provider: asserted.provider, subject: asserted.subject });
      // An account that signs in only through the campus has no password: it gets one nobody knows, so it counts as activated.
      const hash = await this.unusablePassword();
      await setPasswordIfNone(db, tenant.id, user.id, hash);
      await this.audit.record(db, {
        tenantId: tenant.id,
        action: 'auth.sso_linked',
        actorId: user.id,
        subjectType: 'user',
        subjectId: user.id,
        ip,
        details: { protocol: asserted.protocol, matchBy: config.match_by, created: outcome === 'created' },
      });
    } else {
      await touchUserIdentity(db, tenant.id, asserted.provider, asserted.subject);
    }
    await this.audit.record(db, {
      tenantId: tenant.id,
      action: 'auth.sign_in',
      actorId: user.id,
      subjectType: 'user',
      subjectId: user.id,
      ip,
      details: { method: 'sso', protocol: asserted.protocol },
    });
    await this.recordAttempt(tenant.id, asserted.protocol, outcome, null, shownSubject, user.id, false, db);
    const session = await this.sessions.start(db, { kind: 'user', userId: user.id, tenantId: tenant.id, role: user.role });
    return { location: request.return_to, session };
  }

  private async unusablePassword(): Promise<string> {
    return this.passwords.hash(randomBytes(32).toString('base64url'));
  }

  /** Claims a started sign-in once: a second use, an expired one or another tenant's is refused. */
  private async claimRequest(tenantId: string, id: string, protocol: SsoProtocol): Promise<StartedRequest | null> {
    if (id.length > 200) return null;
    const claimed = await this.tenantDb.transaction(tenantId, (db) => claimSsoRequest(db, tenantId, id, protocol));
    return claimed ?? null;
  }

  private async recordAttempt(
    tenantId: string,
    protocol: SsoProtocol,
    outcome: SsoAttemptOutcome,
    reason: string | null,
    subject: string | null,
    userId: string | null,
    test: boolean,
    db?: EntityManager,
  ): Promise<void> {
    const insert = (tx: EntityManager) =>
      insertSsoAttempt(tx, tenantId, { id: randomUUID(), protocol, outcome, reason: reason?.slice(0, 500) ?? null, subject: subject?.slice(0, 300) ?? null, userId, test });
    await (db ? insert(db) : this.tenantDb.transaction(tenantId, insert));
  }

  async tenantExists(slug: string): Promise<boolean> {
    return (await this.tenant(slug)) !== null;
  }

  private async tenant(slug: string): Promise<Tenant | null> {
    if (!/^[a-z0-9-]{1,40}$/.test(slug)) return null;
    return (await this.tenantDb.platform((db) => ssoTenantBySlug(db, slug))) ?? null;
  }

  private async configOf(tenantId: string): Promise<SsoConfigRow | null> {
    return (await this.tenantDb.transaction(tenantId, (db) => ssoConfig(db, tenantId))) ?? null;
  }
}

/**
 * node-saml's request-id cache, kept in `sso_requests`: `saveAsync` records a started SAML sign-in,
 * `getAsync` answers only for an unused, unexpired one. Claiming (single use) is done by the service
 * after the signature checks, atomically, so `removeAsync` leaves the row alone.
 */
class RequestCache implements CacheProvider {
  constructor(
    private readonly tenantDb: TenantDatabase,
    private readonly tenantId: string,
    private readonly start?: { returnTo: string; testUserId: string | null; expiresAt: Date },
  ) {}

  async saveAsync(key: string, value: string): Promise<CacheItem | null> {
    if (!this.start) return null;
    const start = this.start;
    await this.tenantDb.transaction(this.tenantId, (db) =>
      insertSsoRequest(db, this.tenantId, { id: key, protocol: 'saml', returnTo: start.returnTo, testUserId: start.testUserId, expiresAt: start.expiresAt }),
    );
    return { value, createdAt: Date.now() };
  }

  async getAsync(key: string): Promise<string | null> {
    if (key.length > 200) return null;
    const createdAt = await this.tenantDb.transaction(this.tenantId, (db) => pendingSamlRequest(db, this.tenantId, key));
    return createdAt ? createdAt.toISOString() : null;
  }

  async removeAsync(key: string | null): Promise<string | null> {
    return key;
  }
}

function errorPage(code: 'failed' | 'not_configured' | 'disabled', slug?: string): string {
  return `/sso/error?reason=${code}${slug ? `&center=${encodeURIComponent(slug)}` : ''}`;
}

function samlReason(error: Error, samlResponse: string): string {
  const message = error.message ?? '';
  if (/signature/i.test(message)) {
    return isSigned(samlResponse)
      ? 'Bad signature: the response was changed after signing, or signed with a certificate not in the IdP metadata'
      : 'The response is not signed (neither the response nor the assertion)';
  }
  if (/audience/i.test(message)) return 'Wrong audience: the assertion is meant for another service, not this career center';
  if (/expired|NotOnOrAfter/i.test(message)) return 'Expired: the assertion is no longer valid (NotOnOrAfter has passed)';
  // node-saml keeps a bearer confirmation only within its NotBefore/NotOnOrAfter window.
  if (/no valid subject confirmation/i.test(message)) return 'Expired: the assertion’s subject confirmation is outside its validity window (NotOnOrAfter)';
  if (/not yet valid|NotBefore/i.test(message)) return 'The assertion is not valid yet (NotBefore): check the IdP’s clock';
  if (/InResponseTo/i.test(message)) return 'The response answers no sign-in started here, or was already used (replay)';
  if (/issuer/i.test(message)) return 'The response comes from another IdP than the one configured (issuer)';
  if (/status/i.test(message)) return `The identity provider refused the sign-in (${message.slice(0, 150)})`;
  return `The SAML response could not be accepted: ${message.slice(0, 200)}`;
}

function oidcReason(error: Error): string {
  // openid-client wraps oauth4webapi's error, which names the claim that failed ('unexpected ID Token "nonce" claim value').
  const causes: string[] = [];
  for (let cause: unknown = error; cause instanceof Error && causes.length < 4; cause = (cause as Error & { cause?: unknown }).cause) causes.push(cause.message);
  const message = causes.join(' | ');
  if (/"nonce"|nonce/i.test(message)) return 'Wrong nonce: the ID token does not belong to the sign-in started here';
  if (/state/i.test(message)) return 'Wrong state: the answer does not belong to the sign-in started here';
  if (/code_verifier|pkce/i.test(message)) return 'PKCE check failed: the code was issued for another sign-in';
  if (/invalid_grant/i.test(message)) return 'The authorization code is invalid, expired or already used';
  if (/signature|JWS/i.test(message)) return 'Bad signature on the ID token';
  if (/"aud"|audience/i.test(message)) return 'Wrong audience: the ID token is for another client';
  if (/"exp"|expired/i.test(message)) return 'Expired ID token';
  return `The OpenID Connect answer could not be accepted: ${(error.message ?? '').slice(0, 200)}`;
}
