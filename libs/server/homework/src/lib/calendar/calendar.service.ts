import { Injectable, NotFoundException } from '@nestjs/common';
import ical from 'ical-generator';
import { EntityManager } from 'typeorm';
import { AppConfig, TenantDatabase, UserAuth, issueOpaqueToken, parseOpaqueToken } from '@fieldwork/server-core';
import type { CalendarLink } from '@fieldwork/contracts';
import { advisesCohortSql, withTenant } from '../access/staff-access';

/**
 * Each user's secret ICS feed of due dates: a student's open tasks, an advisor's
 * cohorts' assignments, an admin's whole career center. The token carries its
 * tenant, so the feed is read inside that tenant's row-level security.
 */
@Injectable()
export class CalendarService {
  constructor(
    private readonly tenantDb: TenantDatabase,
    private readonly config: AppConfig,
  ) {}

  link(auth: UserAuth): Promise<CalendarLink> {
    return this.tenantDb.transaction(auth.tenantId, async (db) => {
      const [row] = await db.query(`SELECT calendar_token FROM users WHERE tenant_id = $1 AND id = $2`, [auth.tenantId, auth.userId]);
      return { url: this.url(row?.calendar_token ?? (await this.newToken(db, auth))) };
    });
  }

  /** A new secret URL; the old one stops working at once. */
  rotate(auth: UserAuth): Promise<CalendarLink> {
    return this.tenantDb.transaction(auth.tenantId, async (db) => ({ url: this.url(await this.newToken(db, auth)) }));
  }

  async feed(token: string): Promise<string> {
    const parsed = parseOpaqueToken(token);
    if (!parsed) throw new NotFoundException('No such calendar');
    return this.tenantDb.transaction(parsed.realm, async (db) => {
      const [user] = await db.query(
        `SELECT u.id, u.role, u.name, t.name AS tenant_name, t.timezone
           FROM users u JOIN tenants t ON t.id = u.tenant_id
          WHERE u.tenant_id = $1 AND u.calendar_token = $2 AND u.active`,
        [parsed.realm, token],
      );
      if (!user) throw new NotFoundException('No such calendar');
      const calendar = ical({ name: `Fieldwork — ${user.tenant_name}`, timezone: user.timezone, ttl: 3600 });
      for (const due of await this.dueDates(db, parsed.realm, user.id, user.role)) {
        calendar.createEvent({
          id: `${due.id}@fieldwork`,
          start: new Date(due.due_at.getTime() - 30 * 60_000),
          end: due.due_at,
          summary: `Due: ${due.title}`,
          description: due.detail,
          url: `${this.config.publicUrl}${due.path}`,
        });
      }
      return calendar.toString();
    });
  }

  private async dueDates(db: EntityManager, tenantId: string, userId: string, role: UserAuth['role']) {
    if (role === 'student') {
      return db.query(
        `SELECT t.id, t.due_at, a.title, 'Networking homework' AS detail, '/tasks/' || t.id AS path
           FROM tasks t JOIN assignments a ON a.tenant_id = t.tenant_id AND a.id = t.assignment_id
          WHERE t.tenant_id = $1 AND t.student_id = $2 AND a.archived_at IS NULL
            AND t.status IN ('assigned', 'in_progress', 'revision_requested', 'submitted')
          ORDER BY t.due_at LIMIT 1000`,
        [tenantId, userId],
      );
    }
    const mine = role === 'advisor' ? `AND ${withTenant(advisesCohortSql('a.cohort_id', '$2'), 'a.tenant_id')}` : '';
    return db.query(
      `SELECT a.id, a.due_at, a.title || ' (' || c.name || ')' AS title, 'Homework due for the cohort' AS detail, '/cohorts/' || c.id AS path
         FROM assignments a JOIN cohorts c ON c.tenant_id = a.tenant_id AND c.id = a.cohort_id
        WHERE a.tenant_id = $1 AND a.archived_at IS NULL AND a.due_at IS NOT NULL ${mine}
        ORDER BY a.due_at LIMIT 1000`,
      role === 'advisor' ? [tenantId, userId] : [tenantId],
    );
  }

  private async newToken(db: EntityManager, auth: UserAuth): Promise<string> {
    const { token } = issueOpaqueToken(auth.tenantId);
    await db.query(`UPDATE users SET calendar_token = $3 WHERE tenant_id = $1 AND id = $2`, [auth.tenantId, auth.userId, token]);
    return token;
  }

  private url(token: string): string {
    return `${this.config.publicUrl}/api/calendar/${token}.ics`;
  }
}
