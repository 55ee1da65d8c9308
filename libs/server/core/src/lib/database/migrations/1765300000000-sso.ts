import { MigrationInterface, QueryRunner } from 'typeorm';
import { createTenantTable, dropInOrder, enableTenantRls } from './ddl';

/**
 * Campus single sign-on (issue 10 §1).
 * - `tenant_sso`: one row per career center: the protocol, the OIDC client (secret encrypted with
 *   AES-256-GCM, never stored in clear), or the SAML IdP's metadata (pasted XML or a URL re-fetched
 *   daily) with its entity id and signing certificates (several: rollover), how a person is matched,
 *   and the switches (enabled, test mode, students SSO-only, just-in-time cohort).
 * - `sso_domains`: the e-mail domains a center claims (the sign-in page finds the center from an address).
 * - `user_identities`: the link from an IdP's subject to an account, made at the first SSO sign-in.
 * - `sso_requests`: every sign-in started (OIDC state, nonce, PKCE verifier; SAML request id), used once.
 * - `sso_attempts`: every sign-in that came back, with its outcome and a plain reason (status panel).
 */
export class Sso1765300000000 implements MigrationInterface {
  name = 'Sso1765300000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE tenant_sso (
        tenant_id uuid PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
        protocol text NOT NULL CHECK (protocol IN ('oidc', 'saml')),
        display_name text CHECK (length(display_name) BETWEEN 1 AND 100),
        oidc_issuer text CHECK (length(oidc_issuer) <= 500),
        oidc_client_id text CHECK (length(oidc_client_id) <= 500),
        oidc_client_secret_enc text,
        saml_metadata_xml text CHECK (length(saml_metadata_xml) <= 500000),
        saml_metadata_url text CHECK (length(saml_metadata_url) <= 500),
        saml_idp_entity_id text,
        saml_idp_sso_url text,
        saml_idp_certs text[] NOT NULL DEFAULT '{}',
        metadata_fetched_at timestamptz,
        match_by text NOT NULL CHECK (match_by IN ('email', 'sub', 'eppn', 'studentId')),
        attribute text CHECK (length(attribute) <= 200),
        enabled boolean NOT NULL DEFAULT false,
        test_mode boolean NOT NULL DEFAULT false,
        students_sso_only boolean NOT NULL DEFAULT false,
        jit_cohort_id uuid,
        updated_at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (tenant_id, jit_cohort_id) REFERENCES cohorts (tenant_id, id) ON DELETE SET NULL (jit_cohort_id)
      )`);
    await enableTenantRls(db, 'tenant_sso');
    // Which career center claims an e-mail domain: a platform table (no RLS, like tenants), read by the
    // public discovery before any tenant is known; one center per domain.
    await db.query(`
      CREATE TABLE sso_domains (
        domain text PRIMARY KEY CHECK (domain = lower(domain) AND length(domain) <= 253),
        target_tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE
      )`);
    await db.query(`CREATE INDEX sso_domains_by_tenant ON sso_domains (target_tenant_id)`);

    await createTenantTable(db, 'user_identities', `
        user_id uuid NOT NULL,
        provider text NOT NULL CHECK (length(provider) BETWEEN 1 AND 600),
        subject text NOT NULL CHECK (length(subject) BETWEEN 1 AND 600),
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (tenant_id, provider, subject),
        FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE`);
    await db.query(`CREATE INDEX user_identities_by_user ON user_identities (tenant_id, user_id)`);

    await createTenantTable(db, 'sso_requests', `
        id text NOT NULL CHECK (length(id) BETWEEN 16 AND 200),
        protocol text NOT NULL CHECK (protocol IN ('oidc', 'saml')),
        nonce text,
        code_verifier text,
        return_to text NOT NULL DEFAULT '/',
        test_user_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz`, { key: 'id' });
    await db.query(`CREATE INDEX sso_requests_expiring ON sso_requests (tenant_id, expires_at)`);

    await createTenantTable(db, 'sso_attempts', `
        at timestamptz NOT NULL DEFAULT now(),
        protocol text NOT NULL CHECK (protocol IN ('oidc', 'saml')),
        outcome text NOT NULL CHECK (outcome IN ('signed_in', 'linked', 'created', 'test_ok', 'refused')),
        reason text CHECK (length(reason) <= 500),
        subject text CHECK (length(subject) <= 300),
        user_id uuid,
        test boolean NOT NULL DEFAULT false`);
    await db.query(`CREATE INDEX sso_attempts_recent ON sso_attempts (tenant_id, at DESC, id DESC)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await dropInOrder(db, 'TABLE', ['sso_attempts', 'sso_requests', 'user_identities', 'sso_domains', 'tenant_sso']);
  }
}
