import { ConflictException, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AppConfig, OperatorAuth, Passwords, TenantDatabase, isoTimes } from '@fieldwork/server-core';
import { InvitationsService } from '@fieldwork/server-identity';
import { seedTemplateLibrary } from '@fieldwork/server-homework';
import { tenantExportPercent, type CreateTenantRequest, type CreateTenantResponse, type Role, type TenantExportSummary, type TenantSummary, isUuid } from '@fieldwork/contracts';
import { seedDemoActivity } from './demo-activity';
import { type LatestExportRow, type TenantRow, insertCohortOfEveryone, insertDemoUsers, insertTenant, lockedTenantCount, tenant, tenants, useTenant } from './tenants.queries';

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
    const rows = await this.tenantDb.platform((db) => tenants(db));
    return rows.map(toSummary);
  }

  /** One career center as operators see it (its state, grace date and newest export); 404 when there is none. */
  async get(_operator: OperatorAuth, id: string): Promise<TenantSummary> {
    if (!isUuid(id)) throw new NotFoundException('No such career center');
    const row = await this.tenantDb.platform((db) => tenant(db, id));
    if (!row) throw new NotFoundException('No such career center');
    return toSummary(row);
  }

  /** Creates the tenant and its first admin's invitation in one transaction. */
  async create(operator: OperatorAuth, request: CreateTenantRequest): Promise<CreateTenantResponse> {
    return this.tenantDb.platform(async (db) => {
      const created = await this.insertTenant(db, request);
      await useTenant(db, created.id);
      await seedTemplateLibrary(db, created.id);
      const invitation = await this.invitations.create(db, created.id, { email: request.adminEmail, name: request.adminName, role: 'admin' }, { operatorId: operator.operatorId });
      return { tenant: created, adminInvitationToken: invitation.token, adminInviteUrl: invitation.inviteUrl };
    });
  }

  /** On an empty database (never in production unless DEMO_SEED=true): the demo tenant with three ready accounts. */
  async seedDemoIfEmpty(): Promise<boolean> {
    if (!this.config.seedsDemo) return false;
    const passwordHash = await this.passwords.hash(this.config.env.DEMO_PASSWORD);
    return this.tenantDb.platform(async (db) => {
      if ((await lockedTenantCount(db)) > 0) return false;
      const demo = await this.insertTenant(db, DEMO_TENANT);
      await useTenant(db, demo.id);
      await insertDemoUsers(db, demo.id, passwordHash, DEMO_USERS);
      await seedTemplateLibrary(db, demo.id);
      await insertCohortOfEveryone(db, demo.id, DEMO_COHORT);
      await seedDemoActivity(db, demo.id, 'advisor@demo.test');
      this.logger.log(`Seeded the demo tenant "${DEMO_TENANT.slug}"`);
      return true;
    });
  }

  private async insertTenant(db: EntityManager, request: Pick<CreateTenantRequest, 'slug' | 'name' | 'timezone'>): Promise<TenantSummary> {
    const row = await insertTenant(db, { id: randomUUID(), slug: request.slug, name: request.name, timezone: request.timezone });
    if (!row) throw new ConflictException(`The slug "${request.slug}" is taken; choose another`);
    return toSummary(row);
  }
}


/** The row as the contract answers it: its instants as ISO text, and its export's percent done. */
function toSummary(row: TenantRow): TenantSummary {
  return { ...isoTimes(row), latestExport: row.latestExport && withPercent(row.latestExport) };
}

function withPercent({ id, tenantId, status, ...progress }: LatestExportRow): TenantExportSummary {
  return { id, tenantId, status, percent: tenantExportPercent(status, progress.doneRows, progress.totalRows), ...progress };
}
