import type { EntityManager } from 'typeorm';
import type { Role, SsoAttempt, SsoAttemptOutcome, SsoMatchBy, SsoProtocol } from '@fieldwork/contracts';
import { execute, queryOne, queryReturning, queryRows, raw, sql } from '@fieldwork/server-core';
import type { SsoConfigRow } from './sso-config';

const SSO_CONFIG_COLUMNS = raw(`tenant_id, protocol, display_name, oidc_issuer, oidc_client_id, oidc_client_secret_enc, saml_metadata_xml,
  saml_metadata_url, saml_idp_entity_id, saml_idp_sso_url, saml_idp_certs, metadata_fetched_at, match_by, attribute, enabled, test_mode,
  students_sso_only, jit_cohort_id`);

// ── Settings ─────────────────────────────────────────────────────────────────────

/** The career center's SSO settings; `lock` holds them until the transaction ends. */
export function ssoConfig(db: EntityManager, tenantId: string, lock = false): Promise<SsoConfigRow | undefined> {
  return queryOne<SsoConfigRow>(db, sql`SELECT ${SSO_CONFIG_COLUMNS} FROM tenant_sso WHERE tenant_id = ${tenantId}${lock ? sql` FOR UPDATE` : sql``}`);
}

/** The settings as an administrator saves them (the secret already sealed). */
export interface SsoConfigWrite {
  protocol: SsoProtocol;
  displayName: string | null;
  oidcIssuer: string | null;
  oidcClientId: string | null;
  oidcClientSecretEnc: string | null;
  samlMetadataXml: string | null;
  samlMetadataUrl: string | null;
  samlIdpEntityId: string | null;
  samlIdpSsoUrl: string | null;
  samlIdpCerts: string[];
  metadataFetchedAt: Date | null;
  matchBy: SsoMatchBy;
  attribute: string | null;
  enabled: boolean;
  testMode: boolean;
  studentsSsoOnly: boolean;
  jitCohortId: string | null;
}

export function upsertSsoConfig(db: EntityManager, tenantId: string, c: SsoConfigWrite): Promise<number> {
  return execute(
    db,
    sql`INSERT INTO tenant_sso (tenant_id, protocol, display_name, oidc_issuer, oidc_client_id, oidc_client_secret_enc, saml_metadata_xml,
                saml_metadata_url, saml_idp_entity_id, saml_idp_sso_url, saml_idp_certs, metadata_fetched_at, match_by, attribute, enabled,
                test_mode, students_sso_only, jit_cohort_id, updated_at)
         VALUES (${tenantId}, ${c.protocol}, ${c.displayName}, ${c.oidcIssuer}, ${c.oidcClientId}, ${c.oidcClientSecretEnc}, ${c.samlMetadataXml},
                 ${c.samlMetadataUrl}, ${c.samlIdpEntityId}, ${c.samlIdpSsoUrl}, ${c.samlIdpCerts}, ${c.metadataFetchedAt}, ${c.matchBy}, ${c.attribute},
                 ${c.enabled}, ${c.testMode}, ${c.studentsSsoOnly}, ${c.jitCohortId}, now())
         ON CONFLICT (tenant_id) DO UPDATE SET protocol = EXCLUDED.protocol, display_name = EXCLUDED.display_name, oidc_issuer = EXCLUDED.oidc_issuer,
                oidc_client_id = EXCLUDED.oidc_client_id, oidc_client_secret_enc = EXCLUDED.oidc_client_secret_enc,
                saml_metadata_xml = EXCLUDED.saml_metadata_xml, saml_metadata_url = EXCLUDED.saml_metadata_url,
                saml_idp_entity_id = EXCLUDED.saml_idp_entity_id, saml_idp_sso_url = EXCLUDED.saml_idp_sso_url, saml_idp_certs = EXCLUDED.saml_idp_certs,
                metadata_fetched_at = EXCLUDED.metadata_fetched_at, match_by = EXCLUDED.match_by, attribute = EXCLUDED.attribute,
                enabled = EXCLUDED.enabled, test_mode = EXCLUDED.test_mode, students_sso_only = EXCLUDED.students_sso_only,
                jit_cohort_id = EXCLUDED.jit_cohort_id, updated_at = now()`,
  );
}

/** The career center's metadata URL when it signs in through SAML with one. */
export async function samlMetadataUrl(db: EntityManager, tenantId: string): Promise<string | undefined> {
  const row = await queryOne<{ saml_metadata_url: string }>(
    db,
    sql`SELECT saml_metadata_url FROM tenant_sso WHERE tenant_id = ${tenantId} AND protocol = 'saml' AND saml_metadata_url IS NOT NULL`,
  );
  return row?.saml_metadata_url;
}

/** New metadata read from `url` (unless the URL changed meanwhile). */
export function updateSamlMetadata(
  db: EntityManager,
  tenantId: string,
  url: string,
  metadata: { xml: string; entityId: string; ssoUrl: string; certificates: string[] },
): Promise<number> {
  return execute(
    db,
    sql`UPDATE tenant_sso SET saml_metadata_xml = ${metadata.xml}, saml_idp_entity_id = ${metadata.entityId}, saml_idp_sso_url = ${metadata.ssoUrl},
               saml_idp_certs = ${metadata.certificates}, metadata_fetched_at = now()
         WHERE tenant_id = ${tenantId} AND saml_metadata_url = ${url}`,
  );
}

/** One row of `enabledSso`. */
export interface EnabledSsoRow {
  display_name: string | null;
  students_sso_only: boolean;
}

/** The sign-in page's SSO button of the career center, when sign-in through it is on. */
export function enabledSso(db: EntityManager, tenantId: string): Promise<EnabledSsoRow | undefined> {
  return queryOne<EnabledSsoRow>(db, sql`SELECT display_name, students_sso_only FROM tenant_sso WHERE tenant_id = ${tenantId} AND enabled`);
}

/** Whether the career center signs its students in through its campus IdP only. */
export async function studentsSsoOnly(db: EntityManager, tenantId: string): Promise<boolean> {
  return (await queryOne(db, sql`SELECT 1 FROM tenant_sso WHERE tenant_id = ${tenantId} AND enabled AND students_sso_only`)) !== undefined;
}

export async function openCohortExists(db: EntityManager, tenantId: string, cohortId: string): Promise<boolean> {
  return (await queryOne(db, sql`SELECT id FROM cohorts WHERE tenant_id = ${tenantId} AND id = ${cohortId} AND archived_at IS NULL`)) !== undefined;
}

// ── Domains (a platform table: e-mail domain → career center) ───────────────────────

export async function ssoDomains(db: EntityManager, tenantId: string): Promise<string[]> {
  const rows = await queryRows<{ domain: string }>(db, sql`SELECT domain FROM sso_domains WHERE target_tenant_id = ${tenantId} ORDER BY domain`);
  return rows.map((row) => row.domain);
}

/** One of the domains that another career center already claims. */
export async function domainTakenElsewhere(db: EntityManager, tenantId: string, domains: string[]): Promise<string | undefined> {
  const row = await queryOne<{ domain: string }>(db, sql`SELECT domain FROM sso_domains WHERE domain = ANY(${domains}) AND target_tenant_id <> ${tenantId} LIMIT 1`);
  return row?.domain;
}

/** The career center's domains become exactly these (a domain another one claims is left to it). */
export async function replaceSsoDomains(db: EntityManager, tenantId: string, domains: string[]): Promise<void> {
  await execute(db, sql`DELETE FROM sso_domains WHERE target_tenant_id = ${tenantId} AND NOT (domain = ANY(${domains}))`);
  await execute(db, sql`INSERT INTO sso_domains (domain, target_tenant_id) SELECT unnest(${domains}::text[]), ${tenantId} ON CONFLICT (domain) DO NOTHING`);
}

// ── Career centers (platform) ────────────────────────────────────────────────────

/** One row of `ssoTenant…`. */
export interface SsoTenantRow {
  id: string;
  slug: string;
  name: string;
}

export function ssoTenantById(db: EntityManager, tenantId: string): Promise<SsoTenantRow | undefined> {
  return queryOne<SsoTenantRow>(db, sql`SELECT id, slug, name FROM tenants WHERE id = ${tenantId}`);
}

/** The open career center with this slug. */
export function ssoTenantBySlug(db: EntityManager, slug: string): Promise<SsoTenantRow | undefined> {
  return queryOne<SsoTenantRow>(db, sql`SELECT id, slug, name FROM tenants WHERE slug = ${slug} AND state = 'active'`);
}

/** The open career center that claims this e-mail domain. */
export function ssoTenantByDomain(db: EntityManager, domain: string): Promise<SsoTenantRow | undefined> {
  return queryOne<SsoTenantRow>(
    db,
    sql`SELECT t.id, t.slug, t.name FROM sso_domains d JOIN tenants t ON t.id = d.target_tenant_id WHERE d.domain = ${domain} AND t.state = 'active'`,
  );
}

export async function tenantSlug(db: EntityManager, tenantId: string): Promise<string | undefined> {
  return (await queryOne<{ slug: string }>(db, sql`SELECT slug FROM tenants WHERE id = ${tenantId}`))?.slug;
}

/** Whether the tenant id and the slug name the same career center. */
export async function tenantHasSlug(db: EntityManager, tenantId: string, slug: string): Promise<boolean> {
  return (await queryOne(db, sql`SELECT id FROM tenants WHERE id = ${tenantId} AND slug = ${slug}`)) !== undefined;
}

// ── Sign-ins started and attempts ────────────────────────────────────────────────

export interface NewSsoRequest {
  id: string;
  protocol: SsoProtocol;
  nonce?: string | null;
  codeVerifier?: string | null;
  returnTo: string | undefined;
  testUserId: string | null | undefined;
  expiresAt: Date | undefined;
}

/** A started OIDC sign-in (state, nonce, PKCE verifier) or SAML one (its request id). */
export function insertSsoRequest(db: EntityManager, tenantId: string, r: NewSsoRequest): Promise<number> {
  return r.protocol === 'oidc'
    ? execute(
        db,
        sql`INSERT INTO sso_requests (tenant_id, id, protocol, nonce, code_verifier, return_to, test_user_id, expires_at)
            VALUES (${tenantId}, ${r.id}, 'oidc', ${r.nonce ?? null}, ${r.codeVerifier ?? null}, ${r.returnTo}, ${r.testUserId}, ${r.expiresAt})`,
      )
    : execute(
        db,
        sql`INSERT INTO sso_requests (tenant_id, id, protocol, return_to, test_user_id, expires_at)
            VALUES (${tenantId}, ${r.id}, 'saml', ${r.returnTo}, ${r.testUserId}, ${r.expiresAt})`,
      );
}

/** One row of `claimSsoRequest`. */
export interface StartedRequestRow {
  id: string;
  nonce: string | null;
  code_verifier: string | null;
  return_to: string;
  test_user_id: string | null;
}

/** Claims a started sign-in once: a second use, an expired one or another tenant's finds nothing. */
export async function claimSsoRequest(db: EntityManager, tenantId: string, id: string, protocol: SsoProtocol): Promise<StartedRequestRow | undefined> {
  const [row] = await queryReturning<StartedRequestRow>(
    db,
    sql`UPDATE sso_requests SET used_at = now()
          WHERE tenant_id = ${tenantId} AND id = ${id} AND protocol = ${protocol} AND used_at IS NULL AND expires_at > now()
          RETURNING id, nonce, code_verifier, return_to, test_user_id`,
  );
  return row;
}

/** When an unused, unexpired SAML sign-in with this request id was started. */
export async function pendingSamlRequest(db: EntityManager, tenantId: string, id: string): Promise<Date | undefined> {
  const row = await queryOne<{ created_at: Date }>(
    db,
    sql`SELECT created_at FROM sso_requests WHERE tenant_id = ${tenantId} AND id = ${id} AND protocol = 'saml' AND used_at IS NULL AND expires_at > now()`,
  );
  return row?.created_at;
}

export interface NewSsoAttempt {
  id: string;
  protocol: SsoProtocol;
  outcome: SsoAttemptOutcome;
  reason: string | null;
  subject: string | null;
  userId: string | null;
  test: boolean;
}

export function insertSsoAttempt(db: EntityManager, tenantId: string, a: NewSsoAttempt): Promise<number> {
  return execute(
    db,
    sql`INSERT INTO sso_attempts (tenant_id, id, protocol, outcome, reason, subject, user_id, test)
        VALUES (${tenantId}, ${a.id}, ${a.protocol}, ${a.outcome}, ${a.reason}, ${a.subject}, ${a.userId}, ${a.test})`,
  );
}

/** One row of `ssoAttempts`. */
export interface SsoAttemptRow {
  id: string;
  at: Date;
  protocol: SsoAttempt['protocol'];
  outcome: SsoAttempt['outcome'];
  reason: string | null;
  subject: string | null;
  test: boolean;
}

/** The 20 newest attempts. */
export function ssoAttempts(db: EntityManager, tenantId: string): Promise<SsoAttemptRow[]> {
  return queryRows<SsoAttemptRow>(db, sql`SELECT id, at, protocol, outcome, reason, subject, test FROM sso_attempts WHERE tenant_id = ${tenantId} ORDER BY at DESC, id DESC LIMIT 20`);
}

/** Started sign-ins a day past their expiry, and attempts older than 90 days. */
export async function purgeSsoHistory(db: EntityManager, tenantId: string): Promise<void> {
  await execute(db, sql`DELETE FROM sso_requests WHERE tenant_id = ${tenantId} AND expires_at < now() - interval '1 day'`);
  await execute(db, sql`DELETE FROM sso_attempts WHERE tenant_id = ${tenantId} AND at < now() - interval '90 days'`);
}

// ── Matching and linking people ─────────────────────────────────────────────────

/** One row of `linkedUser` / `userMatching`. */
export interface SsoUserRow {
  id: string;
  role: Role;
  active: boolean;
}

/** The account already linked to this IdP subject. */
export function linkedUser(db: EntityManager, tenantId: string, provider: string, subject: string): Promise<SsoUserRow | undefined> {
  return queryOne<SsoUserRow>(
    db,
    sql`SELECT u.id, u.role, u.active FROM user_identities i JOIN users u ON u.tenant_id = i.tenant_id AND u.id = i.user_id
        WHERE i.tenant_id = ${tenantId} AND i.provider = ${provider} AND i.subject = ${subject}`,
  );
}

/** The account whose e-mail (or student id) is the asserted value. */
export function userMatching(db: EntityManager, tenantId: string, column: 'email' | 'student_id', value: string | null): Promise<SsoUserRow | undefined> {
  return queryOne<SsoUserRow>(db, sql`SELECT id, role, active FROM users WHERE tenant_id = ${tenantId} AND ${raw(column)} = ${value}`);
}

export async function emailTaken(db: EntityManager, tenantId: string, email: string): Promise<boolean> {
  return (await queryOne(db, sql`SELECT id FROM users WHERE tenant_id = ${tenantId} AND email = ${email}`)) !== undefined;
}

/** A student made at their first SSO sign-in (just in time), in the configured cohort. */
export async function insertJitStudent(
  db: EntityManager,
  tenantId: string,
  student: { id: string; email: string; name: string; passwordHash: string; studentId: string | null; cohortId: string },
): Promise<void> {
  await execute(
    db,
    sql`INSERT INTO users (tenant_id, id, email, name, role, password_hash, student_id)
        VALUES (${tenantId}, ${student.id}, ${student.email}, ${student.name}, 'student', ${student.passwordHash}, ${student.studentId})`,
  );
  await execute(db, sql`INSERT INTO cohort_members (tenant_id, cohort_id, user_id, role) VALUES (${tenantId}, ${student.cohortId}, ${student.id}, 'student')`);
}

/** Links an IdP subject to an account (once). */
export function insertUserIdentity(db: EntityManager, tenantId: string, identity: { id: string; userId: string; provider: string; subject: string }): Promise<number> {
  return execute(
    db,
    sql`INSERT INTO user_identities (tenant_id, id, user_id, provider, subject) VALUES (${tenantId}, ${identity.id}, ${identity.userId}, ${identity.provider}, ${identity.subject})
         ON CONFLICT (tenant_id, provider, subject) DO NOTHING`,
  );
}

/** An account without a password gets this one (nobody knows it), so it counts as activated. */
export function setPasswordIfNone(db: EntityManager, tenantId: string, userId: string, passwordHash: string): Promise<number> {
  return execute(db, sql`UPDATE users SET password_hash = ${passwordHash}, updated_at = now() WHERE tenant_id = ${tenantId} AND id = ${userId} AND password_hash IS NULL`);
}

export function touchUserIdentity(db: EntityManager, tenantId: string, provider: string, subject: string): Promise<number> {
  return execute(db, sql`UPDATE user_identities SET last_used_at = now() WHERE tenant_id = ${tenantId} AND provider = ${provider} AND subject = ${subject}`);
}
