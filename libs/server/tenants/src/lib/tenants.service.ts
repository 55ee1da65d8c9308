import { ConflictException, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AppConfig, OperatorAuth, Passwords, TenantDatabase, TENANT_SETTING } from '@fieldwork/server-core';
import { InvitationsService } from '@fieldwork/server-identity';
import { seedTemplateLibrary } from '@fieldwork/server-homework';
import { tenantExportPercent, type CreateTenantRequest, type CreateTenantResponse, type Role, type TenantExportStatus, type TenantExportSummary, type TenantState, type TenantSummary, isUuid } from '@fieldwork/contracts';
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
    const rows = await this.tenantDb.platform((db) => db.query(`${SELECT_TENANT} ORDER BY t.created_at DESC, t.slug LIMIT 1000`));
    return rows.map(toSummary);
  }

  /** One career center as operators see it (its state, grace date and newest export); 404 when there is none. */
  async get(_operator: OperatorAuth, id: string): Promise<TenantSummary> {
    if (!isUuid(id)) throw new NotFoundException('No such career center');
    const [row] = await this.tenantDb.platform((db) => db.query(`${SELECT_TENANT} WHERE t.id = $1`, [id]));
    if (!row) throw new NotFoundException('No such career center');
    return toSummary(row);
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
       RETURNING id, slug, name, timezone, created_at, state, closed_at, delete_after`,
      [randomUUID(), request.slug, request.name, request.timezone],
    );
    if (!row) throw new ConflictException(`The slug "${request.slug}" is taken; choose another`);
    return toSummary(row);
  }
}


/** A tenant with its newest whole-tenant export (platform tables only: operators never read tenant data). */
const SELECT_TENANT = `
  SELECT t.id, t.slug, t.name, t.timezone, t.created_at, t.state, t.closed_at, t.delete_after,
         e.id AS export_id, e.status AS export_status, e.total_rows AS export_total_rows, e.done_rows AS export_done_rows,
         e.file_size AS export_file_size, e.error AS export_error, e.created_at AS export_created_at,
         e.finished_at AS export_finished_at, e.expires_at AS export_expires_at
    FROM tenants t
    LEFT JOIN LATERAL (SELECT * FROM tenant_exports x WHERE x.target_tenant_id = t.id ORDER BY x.created_at DESC, x.id DESC LIMIT 1) e ON true`;

interface TenantRow {
  id: string;
  slug: string;
  name: string;
  timezone: string;
  created_at: Date;
  state: TenantState;
  closed_at: Date | null;
  delete_after: Date | null;
  export_id?: string | null;
  export_status?: TenantExportStatus;
  export_total_rows?: string | number | null;
  export_done_rows?: string | number;
  export_file_size?: string | number | null;
  export_error?: string | null;
  export_created_at?: Date;
  export_finished_at?: Date | null;
  export_expires_at?: Date | null;
}

function toSummary(row: TenantRow): TenantSummary {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    timezone: row.timezone,
    createdAt: row.created_at.toISOString(),
    state: row.state,
    closedAt: row.closed_at?.toISOString() ?? null,
    deleteAfter: row.delete_after?.toISOString() ?? null,
    latestExport: row.export_id && row.export_status && row.export_created_at ? latestExport(row, row.export_id, row.export_status, row.export_created_at) : null,
  };
}

function latestExport(row: TenantRow, id: string, status: TenantExportStatus, createdAt: Date): TenantExportSummary {
  const total = row.export_total_rows === null || row.export_total_rows === undefined ? null : Number(row.export_total_rows);
  const done = Number(row.export_done_rows ?? 0);
  return {
    id,
    tenantId: row.id,
    status,
    percent: tenantExportPercent(status, done, total),
    totalRows: total,
    doneRows: done,
    fileSize: row.export_file_size === null || row.export_file_size === undefined ? null : Number(row.export_file_size),
    error: row.export_error ?? null,
    createdAt: createdAt.toISOString(),
    finishedAt: row.export_finished_at?.toISOString() ?? null,
    expiresAt: row.export_expires_at?.toISOString() ?? null,
  };
}
