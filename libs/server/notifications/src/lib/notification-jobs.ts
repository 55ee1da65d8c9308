import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { QueueService, TenantDatabase, execute } from '@fieldwork/server-core';
import { QUEUES, type JobOf } from '@fieldwork/contracts';

/**
 * Turns domain events into notifications, set-based: one statement per event
 * however many people it concerns. The unique key (tenant, user, kind, subject,
 * period) makes a retried or duplicated job add nothing.
 */
@Injectable()
export class NotificationJobs implements OnApplicationBootstrap {
  constructor(
    private readonly queues: QueueService,
    private readonly tenantDb: TenantDatabase,
  ) {}

  onApplicationBootstrap(): void {
    this.queues.process(QUEUES.notifications, { 'assignment-created': (payload) => this.assignmentCreated(payload) }, { concurrency: 8 });
  }

  assignmentCreated({ tenantId, assignmentId }: JobOf<'assignment-created'>): Promise<number> {
    return this.tenantDb.transaction(tenantId, (db) =>
      execute(
        db,
        `INSERT INTO notifications (tenant_id, id, user_id, kind, subject_id, title, body, link)
         SELECT t.tenant_id, gen_random_uuid(), t.student_id, 'new_assignment', t.id,
                'New homework: ' || a.title,
                'Due ' || to_char(t.due_at AT TIME ZONE tn.timezone, 'FMDay, FMMonth FMDD') || '. About ' || a.estimated_minutes || ' minutes of work.',
                '/tasks/' || t.id
           FROM tasks t
           JOIN assignments a ON a.tenant_id = t.tenant_id AND a.id = t.assignment_id
           JOIN tenants tn ON tn.id = t.tenant_id
          WHERE t.tenant_id = $1 AND t.assignment_id = $2
         ON CONFLICT (tenant_id, user_id, kind, subject_id, period) DO NOTHING`,
        [tenantId, assignmentId],
      ),
    );
  }
}
