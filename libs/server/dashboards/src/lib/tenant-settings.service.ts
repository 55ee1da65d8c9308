import { Injectable, NotFoundException } from '@nestjs/common';
import { AuditService, TenantDatabase, UserAuth, validationFailed } from '@fieldwork/server-core';
import type { RetentionPolicy, TenantSettings } from '@fieldwork/contracts';
import type { EntityManager } from 'typeorm';
import {
  isKnownTimeZone,
  lockTenantZone,
  reanchorLiveAssignments,
  reanchorOpenTasks,
  setAtRiskInactiveDays,
  setRetention,
  setTimeZone,
  tenantSettings,
} from './dashboards.queries';

/** A change of the settings: any of them; of the retention periods, any of the three. */
export type TenantSettingsChange = Partial<Omit<TenantSettings, 'retention'>> & { retention?: Partial<RetentionPolicy> };

const RETENTION_COLUMNS: Record<keyof RetentionPolicy, string> = {
  reflectionsMonths: 'retention_reflections_months',
  accountsMonths: 'retention_accounts_months',
  auditMonths: 'retention_audit_months',
};

async function readSettings(db: EntityManager, tenantId: string): Promise<TenantSettings> {
  const row = await tenantSettings(db, tenantId);
  if (!row) throw new NotFoundException('No such career center');
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
      const current = await lockTenantZone(db, auth.tenantId);
      if (!current) throw new NotFoundException('No such career center');
      if (change.atRiskInactiveDays !== undefined) await setAtRiskInactiveDays(db, auth.tenantId, change.atRiskInactiveDays);
      if (change.timezone && change.timezone !== current.timezone) {
        if (!(await isKnownTimeZone(db, change.timezone))) {
          throw validationFailed([{ field: 'timezone', problems: ['timezone must be an IANA time zone such as America/New_York'] }]);
        }
        await setTimeZone(db, auth.tenantId, change.timezone);
        const tasks = await reanchorOpenTasks(db, auth.tenantId, current.timezone, change.timezone);
        const assignments = await reanchorLiveAssignments(db, auth.tenantId, current.timezone, change.timezone);
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
    const changed = (Object.keys(RETENTION_COLUMNS) as (keyof RetentionPolicy)[]).flatMap((key) => {
      const months = change[key];
      return months !== undefined && months !== before[key] ? [{ key, months }] : [];
    });
    const keys = changed.map(({ key }) => key);
    if (!keys.length) return;
    await setRetention(db, auth.tenantId, changed.map(({ key, months }) => [RETENTION_COLUMNS[key], months]));
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
