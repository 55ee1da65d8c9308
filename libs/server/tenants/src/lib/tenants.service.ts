import { ConflictException, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AppConfig, OperatorAuth, Passwords, TenantDatabase, TENANT_SETTING } from '@fieldwork/server-core';
import { InvitationsService } from '@fieldwork/server-identity';
import { seedTemplateLibrary } from '@fieldwork/server-homework';
import type { CreateTenantRequest, CreateTenantResponse, Role, TenantSummary } from '@fieldwork/contracts';
import { seedDemoActivity } from './demo-activity';

export const DEMO_TENANT = { slug: 'demo', name: 'Demo University Career Center', timezone: 'America/New_York' };
export const DEMO_COHORT = 'Public Service Careers — Demo Cohort';
export const DEMO_USERS: { email: string; name: string; role: Role }[] = [
  { email: 'admin@demo.test', name: 'Avery Admin', role: 'admin' },
  { email: 'advisor@demo.test', name: 'Morgan Advisor', role: 'advisor' },
  { email: 'student@demo.test', name: 'Sam Student', role: 'student' },
];

/** Tenants are created by operators (or the demo seed); operators never read tenant data. */
@Injectable()
export class TenantsService {
  private readonly logger = new Logger(TenantsService.name);

  constructor(
    private readonly tenantDb: TenantDatabase,
    private readonly invitations: InvitationsService,
    private readonly passwords: Passwords,
    private readonly config: AppConfig,
  ) {}

  async list(_operator: OperatorAuth): Promise<TenantSummary[]> {
    const rows = await this.tenantDb.platform((db) =>
      db.query(`SELECT id, slug, name, timezone, created_at FROM tenants ORDER BY created_at DESC, slug LIMIT 1000`),
    );
    return rows.map(toSummary);
  }

  /** Creates the tenant and its first admin's invitation in one transaction. */
  async create(operator: OperatorAuth, request: CreateTenantRequest): Promise<CreateTenantResponse> {
    return this.tenantDb.platform(async (db) => {
      const tenant = await this.insertTenant(db, request);
      await db.query('SELECT set_config($1, $2, true)', [TENANT_SETTING, tenant.id]);
      await seedTemplateLibrary(db, tenant.id);
      const invitation = await this.invitations.create(db, tenant.id, { email: request.adminEmail, name: request.adminName, role: 'admin' }, { operatorId: operator.operatorId });
      return { tenant, adminInvitationToken: invitation.token, adminInviteUrl: invitation.inviteUrl };
    });
  }

  /** On an empty database (never in production unless DEMO_SEED=true): the demo tenant with three ready accounts. */
  async seedDemoIfEmpty(): Promise<boolean> {
    if (!this.config.seedsDemo) return false;
    const passwordHash = await this.passwords.hash(this.config.env.DEMO_PASSWORD);
    return this.tenantDb.platform(async (db) => {
      await db.query(`LOCK TABLE tenants IN SHARE ROW EXCLUSIVE MODE`);
      const [{ count }] = await db.query(`SELECT count(*)::int AS count FROM tenants`);
      if (count > 0) return false;
      const tenant = await this.insertTenant(db, DEMO_TENANT);
      await db.query('SELECT set_config($1, $2, true)', [TENANT_SETTING, tenant.id]);
      await db.query(
        `INSERT INTO users (tenant_id, id, email, name, role, password_hash)
         SELECT $1, gen_random_uuid(), u.email, u.name, u.role, $2
           FROM jsonb_to_recordset($3::jsonb) AS u(email text, name text, role text)`,
        [tenant.id, passwordHash, JSON.stringify(DEMO_USERS)],
      );
      await seedTemplateLibrary(db, tenant.id);
      await db.query(
        `WITH cohort AS (INSERT INTO cohorts (tenant_id, id, name, starts_on) VALUES ($1, gen_random_uuid(), $2, current_date) RETURNING id)
         INSERT INTO cohort_members (tenant_id, cohort_id, user_id, role)
         SELECT $1, cohort.id, u.id, u.role FROM cohort, users u WHERE u.tenant_id = $1 AND u.role IN ('advisor', 'student')`,
        [tenant.id, DEMO_COHORT],
      );
      await seedDemoActivity(db, tenant.id, 'advisor@demo.test');
      this.logger.log(`Seeded the demo tenant "${DEMO_TENANT.slug}"`);
      return true;
    });
  }

  private async insertTenant(db: EntityManager, request: Pick<CreateTenantRequest, 'slug' | 'name' | 'timezone'>): Promise<TenantSummary> {
    const [row] = await db.query(
      `INSERT INTO tenants (id, slug, name, timezone) VALUES ($1, $2, $3, $4)
       ON CONFLICT (slug) DO NOTHING
       RETURNING id, slug, name, timezone, created_at`,
      [randomUUID(), request.slug, request.name, request.timezone],
    );
    if (!row) throw new ConflictException(`The slug "${request.slug}" is taken; choose another`);
    return toSummary(row);
  }
}

function toSummary(row: { id: string; slug: string; name: string; timezone: string; created_at: Date }): TenantSummary {
  return { id: row.id, slug: row.slug, name: row.name, timezone: row.timezone, createdAt: row.created_at.toISOString() };
}
