import { Injectable, NotFoundException } from '@nestjs/common';
import { TenantDatabase, UserAuth } from '@fieldwork/server-core';
import { requireAccess } from '@fieldwork/server-access';
import type { PrivacyPolicy, RetentionPreview } from '@fieldwork/contracts';
import { countDue } from './retention-rules';
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
      const [policy] = await db.query(
        `SELECT retention_reflections_months, retention_accounts_months, retention_audit_months FROM tenants WHERE id = $1`,
        [auth.tenantId],
      );
      return {
        policy: {
          reflectionsMonths: policy.retention_reflections_months,
          accountsMonths: policy.retention_accounts_months,
          auditMonths: policy.retention_audit_months,
        },
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
    const [row] = await this.tenantDb.platform((db) =>
      db.query(
        `SELECT name, slug, timezone, retention_reflections_months, retention_accounts_months, retention_audit_months
           FROM tenants WHERE slug = $1 AND state = 'active'`,
        [wanted],
      ),
    );
    if (!row) throw new NotFoundException('No such career center');
    return {
      careerCenter: row.name,
      slug: row.slug,
      timezone: row.timezone,
      retention: {
        reflectionsMonths: row.retention_reflections_months,
        accountsMonths: row.retention_accounts_months,
        auditMonths: row.retention_audit_months,
      },
    };
  }
}
