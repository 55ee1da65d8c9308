import { Injectable, NotFoundException } from '@nestjs/common';
import ical from 'ical-generator';
import { EntityManager } from 'typeorm';
import { AppConfig, TenantDatabase, UserAuth, issueOpaqueToken, parseOpaqueToken } from '@fieldwork/server-core';
import type { CalendarLink, CalendarLinkStatus } from '@fieldwork/contracts';
import { visibility } from '@fieldwork/server-access';

/**
 * `GET /api/me/calendar`: the feed URL when it was just made (`rotate` always
 * answers one), or `null` when a link already exists — only its hash is kept,
 * so it cannot be shown again; `createdAt` says since when it works.
 */

interface DueDate {
  id: string;
  due_at: Date;
  /** The due date's local day in the tenant's zone (YYYY-MM-DD) and the day after it. */
  due_day: string;
  next_day: string;
  /** Whether the due date ends its local day (23:59 local): then it is a date, not a time. */
  ends_day: boolean;
  title: string;
  detail: string;
  path: string;
}

/** "Thursday, December 10, 2026 at 11:59 PM EST" in `zone` (as the e-mails say it; "ET" for the North American zones). */
export function describeInZone(at: Date, zone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    weekday: 'long',
    month: 'long',
    day: 'numeric',
    year: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  }).formatToParts(at);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((part) => part.type === type)?.value ?? '';
  const name = get('timeZoneName');
  const short = zone.startsWith('America/') && /^[ECMP][SD]T$/.test(name) ? `${name[0]}T` : name;
  return `${get('weekday')}, ${get('month')} ${get('day')}, ${get('year')} at ${get('hour')}:${get('minute')} ${get('dayPeriod')} ${short}`;
}

/**
 * Each user's secret ICS feed of due dates: a student's open tasks, an advisor's
 * cohorts' assignments, an admin's whole career center. The token carries its
 * tenant, so the feed is read inside that tenant's row-level security.
 *
 * A due date that ends a local day (23:59:59 in the career center's zone, what
 * `dueOn` writes) is an all-day event on that local day (DTSTART;VALUE=DATE and
 * DTEND the next day), which every calendar app shows on that day wherever the
 * viewer is; any other due time is a 30-minute timed event ending at it, in UTC.
 * Students see only tasks that have opened.
 */
@Injectable()
export class CalendarService {
  constructor(
    private readonly tenantDb: TenantDatabase,
    private readonly config: AppConfig,
  ) {}

  /**
   * The user's feed link. Only a hash of its token is stored, so the link is
   * shown once: made on the first call (or by `rotate`), and afterwards
   * answered as `{ url: null, createdAt }` — the feed keeps working, and a new
   * link (which replaces it) is the way to see one again.
   */
  link(auth: UserAuth): Promise<CalendarLinkStatus> {
    return this.tenantDb.transaction(auth.tenantId, async (db) => {
      const [row] = (await db.query(
        `SELECT calendar_token_created_at AS created_at FROM users
          WHERE tenant_id = $1 AND id = $2 AND calendar_token_hash IS NOT NULL FOR UPDATE`,
        [auth.tenantId, auth.userId],
      )) as { created_at: Date }[];
      return row ? { url: null, createdAt: row.created_at.toISOString() } : this.newLink(db, auth);
    });
  }

  /** A new secret URL, shown this once; the old one stops working at once. */
  rotate(auth: UserAuth): Promise<CalendarLink> {
    return this.tenantDb.transaction(auth.tenantId, (db) => this.newLink(db, auth));
  }

  async feed(token: string): Promise<string> {
    const parsed = parseOpaqueToken(token);
    if (!parsed) throw new NotFoundException('No such calendar');
    return this.tenantDb.transaction(parsed.realm, async (db) => {
      const [user] = await db.query(
        `SELECT u.id, u.role, u.name, t.name AS tenant_name, t.timezone
           FROM users u JOIN tenants t ON t.id = u.tenant_id
          WHERE u.tenant_id = $1 AND u.calendar_token_hash = $2 AND u.active AND t.state = 'active'`,
        [parsed.realm, parsed.hash],
      );
      if (!user) throw new NotFoundException('No such calendar');
      // No calendar-wide zone: with one, ical-generator writes floating local times. Timed events are UTC, all-day events dates.
      const calendar = ical({ name: `Fieldwork — ${user.tenant_name}`, ttl: 3600 });
      for (const due of await this.dueDates(db, parsed.realm, user.id, user.role, user.timezone)) {
        const description = `${due.detail}. Due ${describeInZone(due.due_at, user.timezone)}.`;
        const common = { id: `${due.id}@fieldwork`, summary: `Due: ${due.title}`, description, url: `${this.config.publicUrl}${due.path}` };
        if (due.ends_day) {
          // Date strings are read as UTC midnight and written back as that date, whatever the server's zone.
          calendar.createEvent({ ...common, allDay: true, start: due.due_day, end: due.next_day });
        } else {
          calendar.createEvent({ ...common, start: new Date(due.due_at.getTime() - 30 * 60_000), end: due.due_at });
        }
      }
      return calendar.toString();
    });
  }

  private async dueDates(db: EntityManager, tenantId: string, userId: string, role: UserAuth['role'], zone: string): Promise<DueDate[]> {
    // $2 is the tenant's zone in both queries.
    const day = (column: string) => `to_char(local_day(${column}, $2::text), 'YYYY-MM-DD') AS due_day,
      to_char(local_day(${column}, $2::text) + 1, 'YYYY-MM-DD') AS next_day,
      to_char(${column} AT TIME ZONE $2::text, 'HH24:MI') = '23:59' AS ends_day`;
    if (role === 'student') {
      return db.query(
        `SELECT t.id, t.due_at, ${day('t.due_at')}, a.title, 'Networking homework' AS detail, '/tasks/' || t.id AS path
           FROM tasks t JOIN assignments a ON a.tenant_id = t.tenant_id AND a.id = t.assignment_id
          WHERE t.tenant_id = $1 AND t.student_id = $3 AND a.archived_at IS NULL AND t.opens_at <= now()
            AND t.status IN ('assigned', 'in_progress', 'revision_requested', 'submitted')
          ORDER BY t.due_at LIMIT 1000`,
        [tenantId, zone, userId],
      );
    }
    // Staff: the live assignments of the cohorts they may see (the access module's rule for assignments).
    const auth: UserAuth = { kind: 'user', tenantId, userId, role };
    const params: unknown[] = [tenantId, zone];
    const visible = visibility(auth, 'assignment').bind(params);
    return db.query(
      `SELECT a.id, a.due_at, ${day('a.due_at')}, a.title || ' (' || c.name || ')' AS title, 'Homework due for the cohort' AS detail,
              '/cohorts/' || c.id AS path
         FROM assignments a JOIN cohorts c ON c.tenant_id = a.tenant_id AND c.id = a.cohort_id
        WHERE a.tenant_id = $1 AND a.archived_at IS NULL AND a.due_at IS NOT NULL AND ${visible}
        ORDER BY a.due_at LIMIT 1000`,
      params,
    );
  }

  private async newLink(db: EntityManager, auth: UserAuth): Promise<CalendarLink> {
    const { token, hash } = issueOpaqueToken(auth.tenantId);
    const [row] = (await db.query(
      `WITH made AS (UPDATE users SET calendar_token_hash = $3, calendar_token_created_at = now()
                      WHERE tenant_id = $1 AND id = $2 RETURNING calendar_token_created_at)
       SELECT calendar_token_created_at AS created_at FROM made`,
      [auth.tenantId, auth.userId, hash],
    )) as { created_at: Date }[];
    return { url: this.url(token), createdAt: row.created_at.toISOString() };
  }

  private url(token: string): string {
    return `${this.config.publicUrl}/api/calendar/${token}.ics`;
  }
}
