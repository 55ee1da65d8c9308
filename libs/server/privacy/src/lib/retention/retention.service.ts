import { Injectable, NotFoundException } from '@nestjs/common';
import { TenantDatabase, UserAuth } from '@fieldwork/server-core';
import { requireAccess } from '@fieldwork/server-access';
import type { PrivacyPolicy, RetentionPolicy, RetentionPreview } from '@fieldwork/contracts';
import { countDue, publicPolicy, retentionPolicy, type RetentionPolicyRow } from './retention.queries';
import { nextRetentionRun } from './retention-schedule';

const DAY_MS = 86_400_000;
const SLUG = /^[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?$/;

/** The admin's preview of the next retention run, and the public privacy page's facts. */
@Injectable()
export class RetentionService {
  constructor(private readonly tenantDb: TenantDatabase) {}

  /**
   * What the next daily run would delete, counted as of its time on today's data, and what would be
   * due 30 days after it (everything due by then, the next run's part included).
   */
  preview(auth: UserAuth, now: Date = new Date()): Promise<RetentionPreview> {
    return this.tenantDb.transaction(auth.tenantId, async (db) => {
      await requireAccess(db, auth, 'tenant.retention.preview');
      const nextRunAt = nextRetentionRun(now);
      const inThirtyDaysAt = new Date(nextRunAt.getTime() + 30 * DAY_MS);
      const policy = await retentionPolicy(db, auth.tenantId);
      if (!policy) throw new NotFoundException('No such career center');
      return {
        policy: toRetentionPolicy(policy),
        nextRunAt: nextRunAt.toISOString(),
        nextRun: await countDue(db, auth.tenantId, nextRunAt),
        inThirtyDaysAt: inThirtyDaysAt.toISOString(),
        inThirtyDays: await countDue(db, auth.tenantId, inThirtyDaysAt),
      };
    });
  }

  /** Public: the career center's name and retention periods, for its privacy page (nothing else). */
  async privacyPolicy(slug: string): Promise<PrivacyPolicy> {
    const wanted = slug.trim().toLowerCase();
    if (!SLUG.test(wanted)) throw new NotFoundException('No such career center');
    const row = await this.tenantDb.platform((db) => publicPolicy(db, wanted));
    if (!row) throw new NotFoundException('No such career center');
    return { careerCenter: row.name, slug: row.slug, timezone: row.timezone, retention: toRetentionPolicy(row) };
  }
}

function toRetentionPolicy(row: RetentionPolicyRow): RetentionPolicy {
  return { reflectionsMonths: row.retention_reflections_months, accountsMonths: row.retention_accounts_months, auditMonths: row.retention_audit_months };
}
