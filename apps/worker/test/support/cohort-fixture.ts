import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { CURRICULUM } from '@fieldwork/server-core';

/**
 * A tenant's cohort of activated students, made with a few set-based statements
 * as the table owner (a fixture, not the code under test).
 */
export async function cohortOfStudents(owner: Client, tenantId: string, students: number, domain: string): Promise<{ cohortId: string; advisorId: string; templateId: string }> {
  const cohortId = randomUUID();
  const templateId = randomUUID();
  const advisorId = randomUUID();
  const template = CURRICULUM[0];
  await owner.query(`INSERT INTO cohorts (tenant_id, id, name) VALUES ($1, $2, 'Fault cohort')`, [tenantId, cohortId]);
  await owner.query(`INSERT INTO users (tenant_id, id, email, name, role, password_hash) VALUES ($1, $2, $3, 'Adv', 'advisor', 'activated')`, [
    tenantId,
    advisorId,
    `advisor@${domain}`,
  ]);
  await owner.query(
    `WITH s AS (INSERT INTO users (tenant_id, id, email, name, role, password_hash)
                SELECT $1, gen_random_uuid(), 's' || n || '@' || $4, 'Student ' || n, 'student', 'activated' FROM generate_series(1, $3) n RETURNING id)
     INSERT INTO cohort_members (tenant_id, cohort_id, user_id, role) SELECT $1, $2, id, 'student' FROM s`,
    [tenantId, cohortId, students, domain],
  );
  await owner.query(`INSERT INTO cohort_members (tenant_id, cohort_id, user_id, role) VALUES ($1, $2, $3, 'advisor')`, [tenantId, cohortId, advisorId]);
  await owner.query(
    `INSERT INTO templates (tenant_id, id, title, category, instructions, prompts, contact_required, evidence, rubric, estimated_minutes)
     VALUES ($1, $2, $3, $4, 'x', $5, false, '{"kind":"none","required":false}', null, 30)`,
    [tenantId, templateId, template.title, template.category, JSON.stringify(template.prompts)],
  );
  return { cohortId, advisorId, templateId };
}

/** An assignment to the cohort as the API writes it: the assignment, its tasks and the outbox row, in one transaction. */
export async function assignToCohort(owner: Client, tenantId: string, fixture: { cohortId: string; advisorId: string; templateId: string }): Promise<string> {
  const assignmentId = randomUUID();
  await owner.query('BEGIN');
  await owner.query(
    `INSERT INTO assignments (tenant_id, id, template_id, cohort_id, title, category, instructions, prompts, contact_required, evidence,
                              estimated_minutes, opens_at, due_at, created_by)
     SELECT tenant_id, $3, id, $4, title, category, instructions, prompts, contact_required, evidence, estimated_minutes, now(), now() + interval '7 days', $5
       FROM templates WHERE tenant_id = $1 AND id = $2`,
    [tenantId, fixture.templateId, assignmentId, fixture.cohortId, fixture.advisorId],
  );
  await owner.query(
    `INSERT INTO tasks (tenant_id, id, assignment_id, student_id, cohort_id, opens_at, due_at)
     SELECT $1, gen_random_uuid(), $2, user_id, cohort_id, now(), now() + interval '7 days'
       FROM cohort_members WHERE tenant_id = $1 AND cohort_id = $3 AND role = 'student'`,
    [tenantId, assignmentId, fixture.cohortId],
  );
  await owner.query(`INSERT INTO outbox (tenant_id, id, topic, payload) VALUES ($1, $2, 'assignment.created', $3)`, [
    tenantId,
    randomUUID(),
    JSON.stringify({ assignmentId }),
  ]);
  await owner.query('COMMIT');
  return assignmentId;
}
