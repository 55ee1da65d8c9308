import { Injectable } from '@nestjs/common';
import { TenantDatabase, UserAuth } from '@fieldwork/server-core';
import type { TenantSettings } from '@fieldwork/contracts';

/** Career-center settings an admin may change (today: when a quiet student counts as at risk). */
@Injectable()
export class TenantSettingsService {
  constructor(private readonly tenantDb: TenantDatabase) {}

  get(auth: UserAuth): Promise<TenantSettings> {
    return this.tenantDb.transaction(auth.tenantId, async (db) => {
      const [row] = await db.query(`SELECT at_risk_inactive_days FROM tenants WHERE id = $1`, [auth.tenantId]);
      return { atRiskInactiveDays: row.at_risk_inactive_days };
    });
  }

  update(auth: UserAuth, change: TenantSettings): Promise<TenantSettings> {
    return this.tenantDb.transaction(auth.tenantId, async (db) => {
      const [[row]] = await db.query(`UPDATE tenants SET at_risk_inactive_days = $2 WHERE id = $1 RETURNING at_risk_inactive_days`, [
        auth.tenantId,
        change.atRiskInactiveDays,
      ]);
      return { atRiskInactiveDays: row.at_risk_inactive_days };
    });
  }
}
