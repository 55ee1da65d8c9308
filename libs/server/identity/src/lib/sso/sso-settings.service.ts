import { ConflictException, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AppConfig, AuditService, TenantDatabase, UserAuth, validationFailed } from '@fieldwork/server-core';
import {
  OIDC_MATCH_BY,
  SAML_MATCH_BY,
  type SsoAttempt,
  type SsoDiscovery,
  type SsoSettings,
  type SsoSettingsRequest,
} from '@fieldwork/contracts';
import { SecretBox } from './secret-box';
import { describeCertificate, parseIdpMetadata } from './saml-metadata';
import { SSO_CONFIG_COLUMNS, SsoConfigRow, serviceProviderUrls } from './sso-config';
import { openIdClient } from './oidc-client';

const METADATA_LIMIT = 500_000;
const FETCH_TIMEOUT_MS = 10_000;

/** The SSO settings of a career center (admins), the status panel, and the public discovery for the sign-in page. */
@Injectable()
export class SsoSettingsService {
  private readonly logger = new Logger(SsoSettingsService.name);

  constructor(
    private readonly tenantDb: TenantDatabase,
    private readonly secrets: SecretBox,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  async get(auth: UserAuth, base: string): Promise<SsoSettings> {
    return this.tenantDb.transaction(auth.tenantId, async (db) => {
      const [tenant] = await db.query(`SELECT slug FROM tenants WHERE id = $1`, [auth.tenantId]);
      const [row] = await db.query<SsoConfigRow[]>(`SELECT ${SSO_CONFIG_COLUMNS} FROM tenant_sso WHERE tenant_id = $1`, [auth.tenantId]);
      const domains = await this.domainsOf(db, auth.tenantId);
      return this.toSettings(row ?? null, domains, serviceProviderUrls(base, tenant.slug));
    });
  }

  async put(auth: UserAuth, body: SsoSettingsRequest, base: string, ip?: string): Promise<SsoSettings> {
    const problems: { field: string; problems: string[] }[] = [];
    const fail = (field: string, problem: string) => problems.push({ field, problems: [`${field} ${problem}`] });
    const domains = normalizeDomains(body.domains ?? [], fail);
    let metadata: { xml: string; parsed: ReturnType<typeof parseIdpMetadata> } | null = null;

    if (body.protocol === 'oidc') {
      if (!OIDC_MATCH_BY.includes(body.matchBy)) fail('matchBy', 'must be "email" or "sub" for OpenID Connect');
      if (!body.issuer) fail('issuer', 'is required for OpenID Connect (the IdP’s issuer URL)');
      else if (!this.allowedUrl(body.issuer)) fail('issuer', 'must be an https:// URL');
      if (!body.clientId) fail('clientId', 'is required for OpenID Connect');
    } else {
      if (!SAML_MATCH_BY.includes(body.matchBy)) fail('matchBy', 'must be "email", "eppn" or "studentId" for SAML');
      if (!body.metadataXml && !body.metadataUrl) fail('metadataXml', 'or metadataUrl is required for SAML (paste the IdP metadata or give its URL)');
      if (body.metadataUrl && !this.allowedUrl(body.metadataUrl)) fail('metadataUrl', 'must be an https:// URL');
    }
    if (problems.length) throw validationFailed(problems);

    return this.tenantDb.transaction(auth.tenantId, async (db) => {
      const [current] = await db.query<SsoConfigRow[]>(`SELECT ${SSO_CONFIG_COLUMNS} FROM tenant_sso WHERE tenant_id = $1 FOR UPDATE`, [auth.tenantId]);
      if (body.jitCohortId) {
        const [cohort] = await db.query(`SELECT id FROM cohorts WHERE tenant_id = $1 AND id = $2 AND archived_at IS NULL`, [auth.tenantId, body.jitCohortId]);
        if (!cohort) throw validationFailed([{ field: 'jitCohortId', problems: ['jitCohortId names no open cohort of this career center'] }]);
      }
      let secret = current?.oidc_client_secret_enc ?? null;
      if (body.protocol === 'oidc') {
        if (body.clientSecret) secret = this.secrets.seal(body.clientSecret, auth.tenantId);
        else if (!secret || current?.oidc_client_id !== body.clientId) {
          throw validationFailed([{ field: 'clientSecret', problems: ['clientSecret is required for OpenID Connect'] }]);
        }
        await this.checkDiscovery(body.issuer as string);
      } else {
        try {
          const xml = body.metadataXml ? body.metadataXml : await this.fetchMetadata(body.metadataUrl as string);
          metadata = { xml, parsed: parseIdpMetadata(xml) };
        } catch (error) {
          const field = body.metadataXml ? 'metadataXml' : 'metadataUrl';
          throw validationFailed([{ field, problems: [`${field}: ${(error as Error).message}`] }]);
        }
      }
      await db.query(
        `INSERT INTO tenant_sso (tenant_id, protocol, display_name, oidc_issuer, oidc_client_id, oidc_client_secret_enc, saml_metadata_xml,
                saml_metadata_url, saml_idp_entity_id, saml_idp_sso_url, saml_idp_certs, metadata_fetched_at, match_by, attribute, enabled,
                test_mode, students_sso_only, jit_cohort_id, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, now())
         ON CONFLICT (tenant_id) DO UPDATE SET protocol = $2, display_name = $3, oidc_issuer = $4, oidc_client_id = $5,
                oidc_client_secret_enc = $6, saml_metadata_xml = $7, saml_metadata_url = $8, saml_idp_entity_id = $9, saml_idp_sso_url = $10,
                saml_idp_certs = $11, metadata_fetched_at = $12, match_by = $13, attribute = $14, enabled = $15, test_mode = $16,
                students_sso_only = $17, jit_cohort_id = $18, updated_at = now()`,
        [
          auth.tenantId,
          body.protocol,
          body.displayName?.trim() || null,
          body.protocol === 'oidc' ? body.issuer : null,
          body.protocol === 'oidc' ? body.clientId : null,
          body.protocol === 'oidc' ? secret : null,
          metadata?.xml ?? null,
          body.protocol === 'saml' ? body.metadataUrl || null : null,
          metadata?.parsed.entityId ?? null,
          metadata?.parsed.ssoUrl ?? null,
          metadata?.parsed.certificates ?? [],
          metadata ? new Date() : null,
          body.matchBy,
          body.protocol === 'saml' ? body.attribute?.trim() || null : null,
          body.enabled,
          body.testMode,
          body.studentsSsoOnly,
          body.jitCohortId ?? null,
        ],
      );
      await this.replaceDomains(db, auth.tenantId, domains);
      await this.audit.record(db, {
        tenantId: auth.tenantId,
        action: 'tenant.sso_changed',
        actorId: auth.userId,
        subjectType: 'tenant',
        subjectId: auth.tenantId,
        ip,
        details: {
          protocol: body.protocol,
          enabled: body.enabled,
          testMode: body.testMode,
          studentsSsoOnly: body.studentsSsoOnly,
          jit: Boolean(body.jitCohortId),
          secretChanged: Boolean(body.protocol === 'oidc' && body.clientSecret),
        },
      });
      const [tenant] = await db.query(`SELECT slug FROM tenants WHERE id = $1`, [auth.tenantId]);
      const [row] = await db.query<SsoConfigRow[]>(`SELECT ${SSO_CONFIG_COLUMNS} FROM tenant_sso WHERE tenant_id = $1`, [auth.tenantId]);
      return this.toSettings(row, domains, serviceProviderUrls(base, tenant.slug));
    });
  }

  async attempts(auth: UserAuth, slug: string): Promise<SsoAttempt[]> {
    return this.tenantDb.transaction(auth.tenantId, async (db) => {
      const [tenant] = await db.query(`SELECT id FROM tenants WHERE id = $1 AND slug = $2`, [auth.tenantId, slug]);
      if (!tenant) throw new NotFoundException('No such career center');
      const rows = await db.query(
        `SELECT id, at, protocol, outcome, reason, subject, test FROM sso_attempts WHERE tenant_id = $1 ORDER BY at DESC, id DESC LIMIT 20`,
        [auth.tenantId],
      );
      return rows.map((r: { id: string; at: Date; protocol: SsoAttempt['protocol']; outcome: SsoAttempt['outcome']; reason: string | null; subject: string | null; test: boolean }) => ({
        id: r.id,
        at: r.at.toISOString(),
        protocol: r.protocol,
        outcome: r.outcome,
        reason: r.reason,
        subject: r.subject,
        test: r.test,
      }));
    });
  }

  /** Public: the career center of a slug or an e-mail's domain, and its SSO button when sign-in through it is on. */
  async discover(query: { tenant?: string; email?: string }, base: string): Promise<SsoDiscovery> {
    const slug = query.tenant?.trim().toLowerCase();
    const domain = query.email?.trim().toLowerCase().split('@').pop();
    if (!slug && !domain) throw validationFailed([{ field: 'tenant', problems: ['tenant or email is required'] }]);
    const [tenant] = await this.tenantDb.platform((db) =>
      slug
        ? db.query(`SELECT id, slug, name FROM tenants WHERE slug = $1 AND state = 'active'`, [slug])
        : db.query(
            `SELECT t.id, t.slug, t.name FROM sso_domains d JOIN tenants t ON t.id = d.target_tenant_id WHERE d.domain = $1 AND t.state = 'active'`,
            [domain],
          ),
    );
    if (!tenant) return { tenant: null, sso: null };
    const [row] = await this.tenantDb.transaction(tenant.id, (db) =>
      db.query(`SELECT display_name, students_sso_only FROM tenant_sso WHERE tenant_id = $1 AND enabled`, [tenant.id]),
    );
    return {
      tenant: { slug: tenant.slug, name: tenant.name },
      sso: row
        ? { displayName: row.display_name ?? tenant.name, startUrl: serviceProviderUrls(base, tenant.slug).startUrl, studentsSsoOnly: row.students_sso_only }
        : null,
    };
  }

  /** Re-reads a career center's SAML metadata from its URL (the daily job); a failure keeps the last good metadata. */
  async refreshMetadata(tenantId: string): Promise<'refreshed' | 'skipped' | 'failed'> {
    const [row] = await this.tenantDb.transaction(tenantId, (db) =>
      db.query(`SELECT saml_metadata_url FROM tenant_sso WHERE tenant_id = $1 AND protocol = 'saml' AND saml_metadata_url IS NOT NULL`, [tenantId]),
    );
    if (!row) return 'skipped';
    try {
      const xml = await this.fetchMetadata(row.saml_metadata_url);
      const parsed = parseIdpMetadata(xml);
      await this.tenantDb.transaction(tenantId, (db) =>
        db.query(
          `UPDATE tenant_sso SET saml_metadata_xml = $2, saml_idp_entity_id = $3, saml_idp_sso_url = $4, saml_idp_certs = $5, metadata_fetched_at = now()
            WHERE tenant_id = $1 AND saml_metadata_url = $6`,
          [tenantId, xml, parsed.entityId, parsed.ssoUrl, parsed.certificates, row.saml_metadata_url],
        ),
      );
      return 'refreshed';
    } catch (error) {
      this.logger.warn(`tenant ${tenantId}: SAML metadata not refreshed: ${(error as Error).message}`);
      return 'failed';
    }
  }

  async fetchMetadata(url: string): Promise<string> {
    let response: Response;
    try {
      response = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), redirect: 'follow', headers: { accept: 'application/samlmetadata+xml, application/xml, text/xml' } });
    } catch {
      throw new Error('The metadata URL could not be reached');
    }
    if (!response.ok) throw new Error(`The metadata URL answered ${response.status}`);
    const text = await response.text();
    if (text.length > METADATA_LIMIT) throw new Error('The metadata is too large');
    return text;
  }

  private async checkDiscovery(issuer: string): Promise<void> {
    const client = await openIdClient();
    try {
      await client.discovery(new URL(issuer), 'fieldwork-check', undefined, undefined, {
        execute: issuer.startsWith('http://') ? [client.allowInsecureRequests] : [],
        timeout: FETCH_TIMEOUT_MS / 1000,
      });
    } catch {
      throw validationFailed([{ field: 'issuer', problems: ['issuer: its discovery document (/.well-known/openid-configuration) could not be read'] }]);
    }
  }

  /** https everywhere; http too outside production (a local test IdP or Keycloak). */
  private allowedUrl(value: string): boolean {
    try {
      const url = new URL(value);
      return url.protocol === 'https:' || (url.protocol === 'http:' && !this.config.isProduction);
    } catch {
      return false;
    }
  }

  private async domainsOf(db: EntityManager, tenantId: string): Promise<string[]> {
    const rows = await db.query(`SELECT domain FROM sso_domains WHERE target_tenant_id = $1 ORDER BY domain`, [tenantId]);
    return rows.map((r: { domain: string }) => r.domain);
  }

  private async replaceDomains(db: EntityManager, tenantId: string, domains: string[]): Promise<void> {
    const [taken] = await db.query(`SELECT domain FROM sso_domains WHERE domain = ANY($1) AND target_tenant_id <> $2 LIMIT 1`, [domains, tenantId]);
    if (taken) throw new ConflictException(`${taken.domain} is already claimed by another career center`);
    await db.query(`DELETE FROM sso_domains WHERE target_tenant_id = $1 AND NOT (domain = ANY($2))`, [tenantId, domains]);
    await db.query(`INSERT INTO sso_domains (domain, target_tenant_id) SELECT unnest($1::text[]), $2 ON CONFLICT (domain) DO NOTHING`, [domains, tenantId]);
  }

  private toSettings(row: SsoConfigRow | null, domains: string[], sp: SsoSettings['serviceProvider']): SsoSettings {
    return {
      configured: Boolean(row),
      protocol: row?.protocol ?? 'saml',
      displayName: row?.display_name ?? null,
      issuer: row?.oidc_issuer ?? null,
      clientId: row?.oidc_client_id ?? null,
      hasClientSecret: Boolean(row?.oidc_client_secret_enc),
      metadataXml: row?.saml_metadata_xml ?? null,
      metadataUrl: row?.saml_metadata_url ?? null,
      idpEntityId: row?.saml_idp_entity_id ?? null,
      idpCertificates: (row?.saml_idp_certs ?? []).map((cert) => describeCertificate(cert)).filter((c): c is NonNullable<typeof c> => c !== null),
      metadataFetchedAt: row?.metadata_fetched_at?.toISOString() ?? null,
      matchBy: row?.match_by ?? 'email',
      attribute: row?.attribute ?? null,
      enabled: row?.enabled ?? false,
      testMode: row?.test_mode ?? false,
      studentsSsoOnly: row?.students_sso_only ?? false,
      jitCohortId: row?.jit_cohort_id ?? null,
      domains,
      serviceProvider: sp,
    };
  }
}

function normalizeDomains(values: string[], fail: (field: string, problem: string) => void): string[] {
  const domains = [...new Set(values.map((d) => d.trim().toLowerCase().replace(/^@/, '')).filter(Boolean))];
  for (const domain of domains) {
    if (!/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\.[a-z]{2,}$/.test(domain) || domain.length > 253) {
      fail('domains', `has "${domain.slice(0, 60)}", which is not a domain like "uni.edu"`);
    }
  }
  if (domains.length > 20) fail('domains', 'may list at most 20 domains');
  return domains;
}
