import { MigrationInterface, QueryRunner } from 'typeorm';
import { TENANT_SETTING } from '../rls';
import { createTenantTable, dropInOrder } from './ddl';
import { CURRICULUM } from '../seeds/curriculum';

const INTERACTION_KINDS = `('informational_interview', 'thank_you', 'shared_article', 'introduction', 'follow_up', 'event', 'other')`;
const OPEN = `('assigned', 'in_progress', 'revision_requested')`;

/**
 * The advisor's loop, in the career center's own time:
 * - `local_day_start(day, zone)` / `local_day_end(day, zone)`: a local calendar day's first and
 *   last second (23:59:59) as instants, right across daylight-saving changes. A due date is
 *   the end of a local day; a relative one ends on the N-th local day after the student joined.
 * - Existing due dates written as 23:59 UTC (the API's old default) or 23:59 in the browser's
 *   zone move to 23:59:59 in the tenant's zone; open tasks of relative assignments end their day.
 * - Per-student extensions on tasks (the assignment's date is kept for reporting).
 * - Nudges: an advisor's note to chosen students about one homework, one row per recipient.
 * - Reflections record an interaction on the contact's timeline (one per task, updated on resubmission).
 */
export class AdvisorLoop1764700000000 implements MigrationInterface {
  name = 'AdvisorLoop1764700000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION local_day_start(day date, zone text) RETURNS timestamptz
        LANGUAGE sql STABLE PARALLEL SAFE AS $$ SELECT day::timestamp AT TIME ZONE zone $$`);
    await db.query(`
      CREATE FUNCTION local_day_end(day date, zone text) RETURNS timestamptz
        LANGUAGE sql STABLE PARALLEL SAFE AS $$ SELECT (day + time '23:59:59') AT TIME ZONE zone $$`);
    await db.query(`
      CREATE FUNCTION local_day(at timestamptz, zone text) RETURNS date
        LANGUAGE sql STABLE PARALLEL SAFE AS $$ SELECT (at AT TIME ZONE zone)::date $$`);

    await db.query(`
      ALTER TABLE tasks
        ADD COLUMN extended_from timestamptz,
        ADD COLUMN extension_reason text CHECK (length(extension_reason) <= 1000),
        ADD COLUMN extended_at timestamptz,
        ADD COLUMN extended_by uuid,
        ADD CHECK ((extended_at IS NULL) = (extended_from IS NULL))`);
    await db.query(`ALTER TABLE templates ADD COLUMN interaction_kind text CHECK (interaction_kind IN ${INTERACTION_KINDS})`);
    await db.query(`ALTER TABLE assignments ADD COLUMN interaction_kind text CHECK (interaction_kind IN ${INTERACTION_KINDS})`);
    // The curriculum's templates name what they record when their category's default doesn't fit (a thank-you…).
    await db.query(`ALTER TABLE templates NO FORCE ROW LEVEL SECURITY`);
    await db.query(
      `UPDATE templates t SET interaction_kind = c.kind
         FROM jsonb_to_recordset($1::jsonb) AS c(title text, kind text) WHERE t.title = c.title`,
      [JSON.stringify(CURRICULUM.filter((x) => x.interactionKind).map((x) => ({ title: x.title, kind: x.interactionKind })))],
    );
    await db.query(`ALTER TABLE templates FORCE ROW LEVEL SECURITY`);

    await db.query(`ALTER TABLE interactions ADD COLUMN from_homework boolean NOT NULL DEFAULT false`);
    await db.query(`CREATE UNIQUE INDEX interactions_from_homework ON interactions (tenant_id, task_id) WHERE from_homework`);
    await db.query(`CREATE INDEX interactions_by_task ON interactions (tenant_id, task_id) WHERE task_id IS NOT NULL`);
    await db.query(`CREATE INDEX submissions_by_contact ON submissions (tenant_id, contact_id) WHERE contact_id IS NOT NULL`);
    await db.query(`CREATE INDEX tasks_by_draft_contact ON tasks (tenant_id, draft_contact_id) WHERE draft_contact_id IS NOT NULL`);
    // The gradebook and "not started, due soon": a cohort's tasks per assignment.
    await db.query(`CREATE INDEX tasks_by_cohort_assignment ON tasks (tenant_id, cohort_id, assignment_id, status)`);

    await createTenantTable(db, 'nudges', `
        cohort_id uuid NOT NULL,
        assignment_id uuid NOT NULL,
        sender_id uuid NOT NULL,
        message text NOT NULL CHECK (length(message) BETWEEN 1 AND 2000),
        created_at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (tenant_id, cohort_id) REFERENCES cohorts (tenant_id, id) ON DELETE CASCADE,
        FOREIGN KEY (tenant_id, assignment_id) REFERENCES assignments (tenant_id, id) ON DELETE CASCADE,
        FOREIGN KEY (tenant_id, sender_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE`, { referencesTenants: false });
    await createTenantTable(db, 'nudge_recipients', `
        nudge_id uuid NOT NULL,
        task_id uuid NOT NULL,
        student_id uuid NOT NULL,
        nudged_at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (tenant_id, nudge_id) REFERENCES nudges (tenant_id, id) ON DELETE CASCADE,
        FOREIGN KEY (tenant_id, task_id) REFERENCES tasks (tenant_id, id) ON DELETE CASCADE`, { key: 'nudge_id, task_id', referencesTenants: false });
    await db.query(`CREATE INDEX nudge_recipients_by_task ON nudge_recipients (tenant_id, task_id, nudged_at DESC)`);

    await this.moveDueDatesToLocalTime(db);
  }

  /**
   * Due dates at 23:59 UTC (the API's old reading of a date) or at 23:59 in the tenant's zone
   * (the web's, from a browser there) become 23:59:59 local; open tasks of relative assignments
   * end on their local day. One tenant at a time, inside its row-level security.
   */
  private async moveDueDatesToLocalTime(db: QueryRunner): Promise<void> {
    const tenants: { id: string }[] = await db.query(`SELECT id FROM tenants`);
    const endOfDay = (column: string) => `CASE
        WHEN to_char(${column} AT TIME ZONE 'UTC', 'HH24:MI') = '23:59' THEN local_day_end((${column} AT TIME ZONE 'UTC')::date, tn.timezone)
        WHEN to_char(${column} AT TIME ZONE tn.timezone, 'HH24:MI') = '23:59' THEN local_day_end(local_day(${column}, tn.timezone), tn.timezone)
        ELSE ${column} END`;
    const isEndOfDay = (column: string) =>
      `(to_char(${column} AT TIME ZONE 'UTC', 'HH24:MI') = '23:59' OR to_char(${column} AT TIME ZONE tn.timezone, 'HH24:MI') = '23:59')`;
    for (const tenant of tenants) {
      await db.query(`SELECT set_config('${TENANT_SETTING}', $1, true)`, [tenant.id]);
      await db.query(
        `UPDATE assignments a SET due_at = ${endOfDay('a.due_at')}
           FROM tenants tn WHERE tn.id = a.tenant_id AND a.tenant_id = $1 AND a.due_at IS NOT NULL AND ${isEndOfDay('a.due_at')}`,
        [tenant.id],
      );
      await db.query(
        `UPDATE tasks t SET due_at = ${endOfDay('t.due_at')}
           FROM tenants tn WHERE tn.id = t.tenant_id AND t.tenant_id = $1 AND ${isEndOfDay('t.due_at')}`,
        [tenant.id],
      );
      await db.query(
        `UPDATE tasks t
            SET due_at = local_day_end(local_day(GREATEST(m.joined_at, a.opens_at), tn.timezone) + a.due_days_after_join, tn.timezone)
           FROM assignments a, cohort_members m, tenants tn
          WHERE t.tenant_id = $1 AND a.tenant_id = t.tenant_id AND a.id = t.assignment_id AND a.due_days_after_join IS NOT NULL
            AND m.tenant_id = t.tenant_id AND m.cohort_id = a.cohort_id AND m.user_id = t.student_id
            AND tn.id = t.tenant_id AND t.status IN ${OPEN}`,
        [tenant.id],
      );
    }
    await db.query(`SELECT set_config('${TENANT_SETTING}', '', true)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await dropInOrder(db, 'TABLE', ['nudge_recipients', 'nudges']);
    await dropInOrder(db, 'INDEX', ['tasks_by_cohort_assignment', 'tasks_by_draft_contact', 'submissions_by_contact', 'interactions_by_task', 'interactions_from_homework']);
    await db.query(`ALTER TABLE interactions DROP COLUMN from_homework`);
    await db.query(`ALTER TABLE assignments DROP COLUMN interaction_kind`);
    await db.query(`ALTER TABLE templates DROP COLUMN interaction_kind`);
    await db.query(`ALTER TABLE tasks DROP COLUMN extended_from, DROP COLUMN extension_reason, DROP COLUMN extended_at, DROP COLUMN extended_by`);
    await dropInOrder(db, 'FUNCTION', ['local_day(timestamptz, text)', 'local_day_end(date, text)', 'local_day_start(date, text)']);
  }
}
