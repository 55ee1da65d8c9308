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
import { SsoConfigRow, serviceProviderUrls } from './sso-config';
import {
  domainTakenElsewhere,
  enabledSso,
  openCohortExists,
  purgeSsoHistory,
  replaceSsoDomains,
  samlMetadataUrl,
  ssoAttempts,
  ssoConfig,
  ssoDomains,
  ssoTenantByDomain,
  ssoTenantBySlug,
  tenantHasSlug,
  tenantSlug,
  updateSamlMetadata,
  upsertSsoConfig,
} from './sso.queries';
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
      const slug = await this.slugOf(db, auth.tenantId);
      const row = await ssoConfig(db, auth.tenantId);
      const domains = await ssoDomains(db, auth.tenantId);
      return this.toSettings(row ?? null, domains, serviceProviderUrls(base, slug));
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
      const current = await ssoConfig(db, auth.tenantId, true);
      if (body.jitCohortId) {
        if (!(await openCohortExists(db, auth.tenantId, body.jitCohortId))) throw validationFailed([{ field: 'jitCohortId', problems: ['jitCohortId names no open cohort of this career center'] }]);
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
      await upsertSsoConfig(db, auth.tenantId, {
        protocol: body.protocol,
        displayName: body.displayName?.trim() || null,
        oidcIssuer: body.protocol === 'oidc' ? (body.issuer ?? null) : null,
        oidcClientId: body.protocol === 'oidc' ? (body.clientId ?? null) : null,
        oidcClientSecretEnc: body.protocol === 'oidc' ? secret : null,
        samlMetadataXml: metadata?.xml ?? null,
        samlMetadataUrl: body.protocol === 'saml' ? body.metadataUrl || null : null,
        samlIdpEntityId: metadata?.parsed.entityId ?? null,
        samlIdpSsoUrl: metadata?.parsed.ssoUrl ?? null,
        samlIdpCerts: metadata?.parsed.certificates ?? [],
        metadataFetchedAt: metadata ? new Date() : null,
        matchBy: body.matchBy,
        attribute: body.protocol === 'saml' ? body.attribute?.trim() || null : null,
        enabled: body.enabled,
        testMode: body.testMode,
        studentsSsoOnly: body.studentsSsoOnly,
        jitCohortId: body.jitCohortId ?? null,
      });
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
      const slug = await this.slugOf(db, auth.tenantId);
      const row = await ssoConfig(db, auth.tenantId);
      return this.toSettings(row ?? null, domains, serviceProviderUrls(base, slug));
    });
  }

  async attempts(auth: UserAuth, slug: string): Promise<SsoAttempt[]> {
    return this.tenantDb.transaction(auth.tenantId, async (db) => {
      if (!(await tenantHasSlug(db, auth.tenantId, slug))) throw new NotFoundException('No such career center');
      const rows = await ssoAttempts(db, auth.tenantId);
      return rows.map((r) => ({
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
    const tenant = await this.tenantDb.platform((db) => (slug ? ssoTenantBySlug(db, slug) : ssoTenantByDomain(db, domain as string)));
    if (!tenant) return { tenant: null, sso: null };
    const row = await this.tenantDb.transaction(tenant.id, (db) => enabledSso(db, tenant.id));
    return {
      tenant: { slug: tenant.slug, name: tenant.name },
      sso: row
        ? { displayName: row.display_name ?? tenant.name, startUrl: serviceProviderUrls(base, tenant.slug).startUrl, studentsSsoOnly: row.students_sso_only }
        : null,
    };
  }

  /** Re-reads a career center's SAML metadata from its URL (the daily job); a failure keeps the last good metadata. */
  async refreshMetadata(tenantId: string): Promise<'refreshed' | 'skipped' | 'failed'> {
    const url = await this.tenantDb.transaction(tenantId, (db) => samlMetadataUrl(db, tenantId));
    if (!url) return 'skipped';
    try {
      const xml = await this.fetchMetadata(url);
      const parsed = parseIdpMetadata(xml);
      await this.tenantDb.transaction(tenantId, (db) => updateSamlMetadata(db, tenantId, url, { xml, ...parsed }));
      return 'refreshed';
    } catch (error) {
      this.logger.warn(`tenant ${tenantId}: SAML metadata not refreshed: ${(error as Error).message}`);
      return 'failed';
    }
  }

  /** Daily housekeeping: started sign-ins a day past their expiry, and attempts older than 90 days. */
  async purge(tenantId: string): Promise<void> {
    await this.tenantDb.transaction(tenantId, (db) => purgeSsoHistory(db, tenantId));
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

  private async slugOf(db: EntityManager, tenantId: string): Promise<string> {
    const slug = await tenantSlug(db, tenantId);
    if (!slug) throw new NotFoundException('No such career center');
    return slug;
  }

  private async replaceDomains(db: EntityManager, tenantId: string, domains: string[]): Promise<void> {
    const taken = await domainTakenElsewhere(db, tenantId, domains);
    if (taken) throw new ConflictException(`${taken} is already claimed by another career center`);
    await replaceSsoDomains(db, tenantId, domains);
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
