import { Injectable } from '@nestjs/common';
import { TenantDatabase } from '@fieldwork/server-core';
import { fanOut } from './notification-writer';
import { collectDigests, localHour, reminderSources, reviewDigestSource, useTenantZone } from './notifications.queries';

export { epochText, localTime } from './zone-text';

/** Digests (and the advisors' "needs review") go out from this hour in the career center's zone. */
const DIGEST_HOUR = 8;

export interface ScanResult {
  inApp: number;
  emailsNow: number;
  digests: number;
}

/**
 * The scheduled reminders of one tenant as of a given time. Each kind is one
 * set-based statement (however many tasks are due), keyed so that running the
 * scan again, or late, sends nothing twice. From 08:00 in the tenant's time zone
 * the day's digests go out, each keyed by the local date, so once a day; items
 * arriving after today's digest wait for tomorrow's.
 */
@Injectable()
export class Reminders {
  constructor(private readonly tenantDb: TenantDatabase) {}

  scan(tenantId: string, at: Date): Promise<ScanResult> {
    return this.tenantDb.transaction(tenantId, async (db) => {
      await useTenantZone(db, tenantId);
      const total: ScanResult = { inApp: 0, emailsNow: 0, digests: 0 };
      const add = (result: { inApp: number; emailsNow: number }) => {
        total.inApp += result.inApp;
        total.emailsNow += result.emailsNow;
      };
      for (const [kind, source] of reminderSources(tenantId, at)) add(await fanOut(db, tenantId, kind, source));
      if ((await localHour(db, tenantId, at)) >= DIGEST_HOUR) {
        add(await fanOut(db, tenantId, 'review_digest', reviewDigestSource(tenantId, at)));
        total.digests = await collectDigests(db, tenantId, at);
        total.emailsNow += total.digests;
      }
      return total;
    });
  }
}
