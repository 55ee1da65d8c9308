import { Injectable, NotFoundException } from '@nestjs/common';
import ical from 'ical-generator';
import { EntityManager } from 'typeorm';
import { AppConfig, TenantDatabase, UserAuth, issueOpaqueToken, parseOpaqueToken } from '@fieldwork/server-core';
import type { CalendarLink, CalendarLinkStatus } from '@fieldwork/contracts';
import { visibility } from '@fieldwork/server-access';
import { calendarLink, calendarOwner, newCalendarToken, staffDueDates, studentDueDates, type DueDateRow } from './calendar.queries';

/**
 * `GET /api/me/calendar`: the feed URL when it was just made (`rotate` always
 * answers one), or `null` when a link already exists — only its hash is kept,
 * so it cannot be shown again; `createdAt` says since when it works.
 */

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
      const row = await calendarLink(db, auth.tenantId, auth.userId);
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
      const user = await calendarOwner(db, parsed.realm, parsed.hash);
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

  private dueDates(db: EntityManager, tenantId: string, userId: string, role: UserAuth['role'], zone: string): Promise<DueDateRow[]> {
    if (role === 'student') return studentDueDates(db, tenantId, userId, zone);
    // Staff: the live assignments of the cohorts they may see (the access module's rule for assignments).
    const auth: UserAuth = { kind: 'user', tenantId, userId, role };
    return staffDueDates(db, tenantId, zone, visibility(auth, 'assignment'));
  }

  private async newLink(db: EntityManager, auth: UserAuth): Promise<CalendarLink> {
    const { token, hash } = issueOpaqueToken(auth.tenantId);
    const row = await newCalendarToken(db, auth.tenantId, auth.userId, hash);
    if (!row) throw new NotFoundException('No such user');
    return { url: this.url(token), createdAt: row.created_at.toISOString() };
  }

  private url(token: string): string {
    return `${this.config.publicUrl}/api/calendar/${token}.ics`;
  }
}
