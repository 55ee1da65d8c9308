import { Injectable } from '@nestjs/common';
import { AuditService, TenantDatabase, UserAuth, execute, validationFailed } from '@fieldwork/server-core';
import { OPEN_STATUSES } from '@fieldwork/server-homework';
import type { TenantSettings } from '@fieldwork/contracts';

/** Career-center settings an admin may change: when a quiet student counts as at risk, and the time zone. */
@Injectable()
export class TenantSettingsService {
  constructor(
    private readonly tenantDb: TenantDatabase,
    private readonly audit: AuditService,
  ) {}

  get(auth: UserAuth): Promise<TenantSettings> {
    return this.tenantDb.transaction(auth.tenantId, async (db) => {
      const [row] = await db.query(`SELECT at_risk_inactive_days, timezone FROM tenants WHERE id = $1`, [auth.tenantId]);
      return { atRiskInactiveDays: row.at_risk_inactive_days, timezone: row.timezone };
    });
  }

  /**
   * A new time zone keeps every open task's (and live assignment's) local due day
   * and time: "Dec 10, 11:59 PM" stays that in the new zone, so the instants move.
   * Audited with the counts.
   */
  update(auth: UserAuth, change: Partial<TenantSettings>): Promise<TenantSettings> {
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
      const [row] = await db.query(`SELECT at_risk_inactive_days, timezone FROM tenants WHERE id = $1`, [auth.tenantId]);
      return { atRiskInactiveDays: row.at_risk_inactive_days, timezone: row.timezone };
    });
  }
}
