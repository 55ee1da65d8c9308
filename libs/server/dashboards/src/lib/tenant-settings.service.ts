import { Injectable } from '@nestjs/common';
import { AuditService, TenantDatabase, UserAuth, execute, validationFailed } from '@fieldwork/server-core';
import { OPEN_STATUSES } from '@fieldwork/server-homework';
import type { RetentionPolicy, TenantSettings } from '@fieldwork/contracts';
import type { EntityManager } from 'typeorm';

/** A change of the settings: any of them; of the retention periods, any of the three. */
export type TenantSettingsChange = Partial<Omit<TenantSettings, 'retention'>> & { retention?: Partial<RetentionPolicy> };

const RETENTION_COLUMNS: Record<keyof RetentionPolicy, string> = {
  reflectionsMonths: 'retention_reflections_months',
  accountsMonths: 'retention_accounts_months',
  auditMonths: 'retention_audit_months',
};

async function readSettings(db: EntityManager, tenantId: string): Promise<TenantSettings> {
  const [row] = await db.query(
    `SELECT at_risk_inactive_days, timezone, retention_reflections_months, retention_accounts_months, retention_audit_months
       FROM tenants WHERE id = $1`,
    [tenantId],
  );
  return {
    atRiskInactiveDays: row.at_risk_inactive_days,
    timezone: row.timezone,
    retention: {
      reflectionsMonths: row.retention_reflections_months,
      accountsMonths: row.retention_accounts_months,
      auditMonths: row.retention_audit_months,
    },
  };
}

/** Career-center settings an admin may change: when a quiet student counts as at risk, the time zone, and how long data is kept. */
@Injectable()
export class TenantSettingsService {
  constructor(
    private readonly tenantDb: TenantDatabase,
    private readonly audit: AuditService,
  ) {}

  get(auth: UserAuth): Promise<TenantSettings> {
    return this.tenantDb.transaction(auth.tenantId, (db) => readSettings(db, auth.tenantId));
  }

  /**
   * A new time zone keeps every open task's (and live assignment's) local due day
   * and time: "Dec 10, 11:59 PM" stays that in the new zone, so the instants move.
   * Audited with the counts. New retention periods (months) apply from the next daily run; a
   * change is audited with before → after.
   */
  update(auth: UserAuth, change: TenantSettingsChange): Promise<TenantSettings> {
    return this.tenantDb.transaction(auth.tenantId, async (db) => {
      const [current] = await db.query(`SELECT timezone FROM tenants WHERE id = $1 FOR UPDATE`, [auth.tenantId]);
      if (change.atRiskInactiveDays !== undefined) {
        await db.query(`UPDATE tenants SET at_risk_inactive_days = $2 WHERE id = $1`, [auth.tenantId, change.atRiskInactiveDays]);
      }
      if (change.timezone && change.timezone !== current.timezone) {
        const known = await db.query(`SELECT 1 FROM pg_timezone_names WHERE name = $1`, [change.timezone]);
        if (!known.length) throw validationFailed([{ field: 'timezone', problems: ['timezone must be an IANA time zone such as America/New_York'] }]);
        await db.query(`UPDATE tenants SET timezone = $2 WHERE id = $1`, [auth.tenantId, change.timezone]);
        const reanchor = (column: string) => `${column} = (${column} AT TIME ZONE $2) AT TIME ZONE $3`;
        const tasks = await execute(
          db,
          `UPDATE tasks SET ${reanchor('due_at')}, extended_from = (extended_from AT TIME ZONE $2) AT TIME ZONE $3, updated_at = now()
            WHERE tenant_id = $1 AND status IN ${OPEN_STATUSES}`,
          [auth.tenantId, current.timezone, change.timezone],
        );
        const assignments = await execute(
          db,
          `UPDATE assignments SET ${reanchor('due_at')}, updated_at = now()
            WHERE tenant_id = $1 AND archived_at IS NULL AND due_at IS NOT NULL`,
          [auth.tenantId, current.timezone, change.timezone],
        );
        await this.audit.record(db, {
          tenantId: auth.tenantId,
          action: 'tenant.timezone_changed',
          actorId: auth.userId,
          subjectType: 'tenant',
          subjectId: auth.tenantId,
          details: { from: current.timezone, to: change.timezone, openTasksMoved: tasks, assignmentsMoved: assignments },
        });
      }
      if (change.retention) await this.updateRetention(db, auth, change.retention);
      return readSettings(db, auth.tenantId);
    });
  }

  private async updateRetention(db: EntityManager, auth: UserAuth, change: Partial<RetentionPolicy>): Promise<void> {
    const before = (await readSettings(db, auth.tenantId)).retention;
    const keys = (Object.keys(RETENTION_COLUMNS) as (keyof RetentionPolicy)[]).filter(
      (key) => change[key] !== undefined && change[key] !== before[key],
    );
    if (!keys.length) return;
    await db.query(
      `UPDATE tenants SET ${keys.map((key, i) => `${RETENTION_COLUMNS[key]} = $${i + 2}`).join(', ')} WHERE id = $1`,
      [auth.tenantId, ...keys.map((key) => change[key])],
    );
    await this.audit.record(db, {
      tenantId: auth.tenantId,
      action: 'tenant.retention_changed',
      actorId: auth.userId,
      subjectType: 'tenant',
      subjectId: auth.tenantId,
      details: { changed: keys, changes: Object.fromEntries(keys.map((key) => [key, { from: before[key], to: change[key] }])) },
    });
  }
}
