import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';

/** A second demo cohort with five weeks of work, so the dashboards have something to show. */
export const DEMO_ACTIVITY_COHORT = 'Policy Fellows — Demo Cohort';

const STUDENTS = [
  { key: 'maya', email: 'maya.chen@demo.test', name: 'Maya Chen' },
  { key: 'jordan', email: 'jordan.ellis@demo.test', name: 'Jordan Ellis' },
  { key: 'priya', email: 'priya.raman@demo.test', name: 'Priya Raman' },
  { key: 'diego', email: 'diego.torres@demo.test', name: 'Diego Torres' },
  { key: 'lena', email: 'lena.okafor@demo.test', name: 'Lena Okafor' },
];

/** Opens and due dates in days from now (negative: in the past). */
const ASSIGNMENTS = [
  { key: 'interview', title: 'Conduct an informational interview with someone in your chosen field', opens: -35, due: -21 },
  { key: 'thanks', title: 'Send a thank-you note within 48 hours of a conversation', opens: -20, due: -6 },
  { key: 'share', title: 'Share an article or a research update with a contact', opens: -5, due: 9 },
];

interface Work {
  student: string;
  assignment: string;
  status: 'assigned' | 'in_progress' | 'submitted' | 'revision_requested' | 'approved';
  /** Days ago. */
  draft?: number;
  submitted?: number;
  reviewed?: number;
}

const WORK: Work[] = [
  { student: 'maya', assignment: 'interview', status: 'approved', draft: 25, submitted: 24, reviewed: 22 },
  { student: 'maya', assignment: 'thanks', status: 'approved', draft: 8, submitted: 8, reviewed: 7 },
  { student: 'maya', assignment: 'share', status: 'in_progress', draft: 1 },
  { student: 'jordan', assignment: 'interview', status: 'approved', draft: 19, submitted: 19, reviewed: 17 },
  { student: 'jordan', assignment: 'thanks', status: 'submitted', draft: 5, submitted: 5 },
  { student: 'jordan', assignment: 'share', status: 'assigned' },
  { student: 'priya', assignment: 'interview', status: 'approved', draft: 24, submitted: 23, reviewed: 20 },
  { student: 'priya', assignment: 'thanks', status: 'revision_requested', draft: 6, submitted: 9, reviewed: 7 },
  { student: 'priya', assignment: 'share', status: 'submitted', draft: 2, submitted: 2 },
  { student: 'diego', assignment: 'interview', status: 'assigned' },
  { student: 'diego', assignment: 'thanks', status: 'assigned' },
  { student: 'diego', assignment: 'share', status: 'assigned' },
  { student: 'lena', assignment: 'interview', status: 'approved', draft: 22, submitted: 22, reviewed: 15 },
  { student: 'lena', assignment: 'thanks', status: 'approved', draft: 7, submitted: 7, reviewed: 6 },
  { student: 'lena', assignment: 'share', status: 'assigned' },
];

/** Contacts (sector, days ago) and the interactions logged with them (kind, days ago). */
const NETWORK: { student: string; name: string; organization: string; sector: string; added: number; interactions: [string, number][] }[] = [
  { student: 'maya', name: 'Rosa Delgado', organization: 'City Planning Department', sector: 'Government', added: 30, interactions: [['informational_interview', 26], ['thank_you', 25], ['follow_up', 4]] },
  { student: 'maya', name: 'Tom Becker', organization: 'Open Streets Coalition', sector: 'Nonprofit', added: 12, interactions: [['introduction', 10]] },
  { student: 'maya', name: 'Alma Ruiz', organization: 'State Transit Agency', sector: 'Government', added: 3, interactions: [] },
  { student: 'jordan', name: 'Kai Nakamura', organization: 'Civic Data Lab', sector: 'Technology', added: 21, interactions: [['informational_interview', 20], ['thank_you', 6]] },
  { student: 'jordan', name: 'Grace Mensah', organization: 'County Health Office', sector: 'Government', added: 9, interactions: [['event', 9]] },
  { student: 'priya', name: 'Ines Duarte', organization: 'Literacy Works', sector: 'Nonprofit', added: 26, interactions: [['informational_interview', 25], ['shared_article', 2]] },
  { student: 'priya', name: 'Omar Haddad', organization: 'Riverside School District', sector: 'Education', added: 14, interactions: [['introduction', 11]] },
  { student: 'lena', name: 'Hannah Weiss', organization: 'Department of Housing', sector: 'Government', added: 24, interactions: [['informational_interview', 23], ['thank_you', 22]] },
];

const ANSWERS = {
  organization: 'City Planning Department',
  role: 'Senior planner',
  learned_work: 'Most of the week is community meetings and zoning reviews.',
  next_steps: 'Apply for the spring internship and follow up in a month.',
};

/**
 * Seeds the activity through ordinary inserts in the seed's tenant transaction, so the
 * dashboards' triggers keep their roll-ups exactly as they would for real work.
 */
export async function seedDemoActivity(db: EntityManager, tenantId: string, advisorEmail: string): Promise<void> {
  const ids = new Map<string, string>(STUDENTS.map((s) => [s.key, randomUUID()]));
  const assignmentIds = new Map<string, string>(ASSIGNMENTS.map((a) => [a.key, randomUUID()]));
  const cohortId = randomUUID();
  const days = (n: number | undefined) => (n === undefined ? null : new Date(Date.now() - n * 86_400_000).toISOString());

  await db.query(
    `INSERT INTO users (tenant_id, id, email, name, role, created_at)
     SELECT $1, s.id, s.email, s.name, 'student', now() - interval '40 days' FROM jsonb_to_recordset($2::jsonb) AS s(id uuid, email text, name text)`,
    [tenantId, JSON.stringify(STUDENTS.map((s) => ({ id: ids.get(s.key), email: s.email, name: s.name })))],
  );
  await db.query(`INSERT INTO cohorts (tenant_id, id, name, starts_on) VALUES ($1, $2, $3, current_date - 35)`, [tenantId, cohortId, DEMO_ACTIVITY_COHORT]);
  await db.query(
    `INSERT INTO cohort_members (tenant_id, cohort_id, user_id, role, joined_at)
     SELECT $1, $2, id, role, now() - interval '35 days' FROM users WHERE tenant_id = $1 AND (email = $3 OR id = ANY($4::uuid[]))`,
    [tenantId, cohortId, advisorEmail, [...ids.values()]],
  );
  await db.query(
    `INSERT INTO assignments (tenant_id, id, template_id, cohort_id, title, category, instructions, prompts, contact_required,
                              evidence, rubric, estimated_minutes, opens_at, due_at, created_by, created_at)
     SELECT t.tenant_id, a.id, t.id, $2, t.title, t.category, t.instructions, t.prompts, t.contact_required, t.evidence, t.rubric,
            t.estimated_minutes, a.opens_at, a.due_at, (SELECT id FROM users WHERE tenant_id = $1 AND email = $3), a.opens_at
       FROM jsonb_to_recordset($4::jsonb) AS a(id uuid, title text, opens_at timestamptz, due_at timestamptz)
       JOIN templates t ON t.tenant_id = $1 AND t.title = a.title`,
    [
      tenantId,
      cohortId,
      advisorEmail,
      JSON.stringify(ASSIGNMENTS.map((a) => ({ id: assignmentIds.get(a.key), title: a.title, opens_at: days(-a.opens), due_at: days(-a.due) }))),
    ],
  );
  const work = WORK.map((w) => ({
    id: randomUUID(),
    assignment_id: assignmentIds.get(w.assignment),
    student_id: ids.get(w.student),
    status: w.status,
    draft_saved_at: days(w.draft),
    submitted_at: days(w.submitted),
    reviewed_at: days(w.reviewed),
  }));
  await db.query(
    `INSERT INTO tasks (tenant_id, id, assignment_id, student_id, cohort_id, status, opens_at, due_at, draft, draft_saved_at,
                        first_submitted_at, submitted_at, approved_at, created_at)
     SELECT $1, w.id, a.id, w.student_id, a.cohort_id, w.status, a.opens_at, a.due_at,
            CASE WHEN w.draft_saved_at IS NULL THEN '{}'::jsonb ELSE $3::jsonb END, w.draft_saved_at,
            w.submitted_at, w.submitted_at, CASE WHEN w.status = 'approved' THEN w.reviewed_at END, a.opens_at
       FROM jsonb_to_recordset($2::jsonb) AS w(id uuid, assignment_id uuid, student_id uuid, status text, draft_saved_at timestamptz,
                                               submitted_at timestamptz, reviewed_at timestamptz)
       JOIN assignments a ON a.tenant_id = $1 AND a.id = w.assignment_id`,
    [tenantId, JSON.stringify(work), JSON.stringify(ANSWERS)],
  );
  const submitted = work.filter((w) => w.submitted_at).map((w) => ({ ...w, submission_id: randomUUID(), review_id: randomUUID() }));
  await db.query(
    `INSERT INTO submissions (tenant_id, id, task_id, version, answers, late, submitted_at)
     SELECT $1, w.submission_id, t.id, 1, $3::jsonb, w.submitted_at > t.due_at, w.submitted_at
       FROM jsonb_to_recordset($2::jsonb) AS w(id uuid, submission_id uuid, submitted_at timestamptz)
       JOIN tasks t ON t.tenant_id = $1 AND t.id = w.id`,
    [tenantId, JSON.stringify(submitted), JSON.stringify(ANSWERS)],
  );
  await db.query(
    `INSERT INTO reviews (tenant_id, id, task_id, submission_id, reviewer_id, decision, comment, created_at)
     SELECT $1, w.review_id, w.id, w.submission_id, (SELECT id FROM users WHERE tenant_id = $1 AND email = $3),
            CASE WHEN w.status = 'approved' THEN 'approve' ELSE 'revise' END,
            CASE WHEN w.status = 'approved' THEN 'Thoughtful reflection — well done.' ELSE 'Add what you would ask them next time.' END,
            w.reviewed_at
       FROM jsonb_to_recordset($2::jsonb) AS w(id uuid, submission_id uuid, review_id uuid, status text, reviewed_at timestamptz)
      WHERE w.reviewed_at IS NOT NULL`,
    [tenantId, JSON.stringify(submitted), advisorEmail],
  );
  const contacts = NETWORK.map((c) => ({ ...c, id: randomUUID(), owner_id: ids.get(c.student), created_at: days(c.added) }));
  await db.query(
    `INSERT INTO contacts (tenant_id, id, owner_id, name, organization, sector, created_at, updated_at)
     SELECT $1, c.id, c.owner_id, c.name, c.organization, c.sector, c.created_at, c.created_at
       FROM jsonb_to_recordset($2::jsonb) AS c(id uuid, owner_id uuid, name text, organization text, sector text, created_at timestamptz)`,
    [tenantId, JSON.stringify(contacts)],
  );
  const interactions = contacts.flatMap((c) => c.interactions.map(([kind, ago]) => ({ id: randomUUID(), contact_id: c.id, owner_id: c.owner_id, kind, at: days(ago) })));
  await db.query(
    `INSERT INTO interactions (tenant_id, id, contact_id, owner_id, kind, occurred_at, created_at)
     SELECT $1, i.id, i.contact_id, i.owner_id, i.kind, i.at, i.at
       FROM jsonb_to_recordset($2::jsonb) AS i(id uuid, contact_id uuid, owner_id uuid, kind text, at timestamptz)`,
    [tenantId, JSON.stringify(interactions)],
  );
  await db.query(
    `UPDATE contacts c SET interaction_count = x.n, last_interaction_at = x.last
       FROM (SELECT contact_id, count(*)::int AS n, max(occurred_at) AS last FROM interactions WHERE tenant_id = $1 GROUP BY contact_id) x
      WHERE c.tenant_id = $1 AND c.id = x.contact_id`,
    [tenantId],
  );
}
