import { MigrationInterface, QueryRunner } from 'typeorm';
import { createTenantTable, dropInOrder } from './ddl';
import { CURRICULUM } from '../seeds/curriculum';

/** A template's content, which an assignment copies: editing the template later leaves its assignments as they were. */
const TEMPLATE_CONTENT_COLUMNS = [
  'title text NOT NULL',
  'category text NOT NULL',
  'instructions text NOT NULL',
  'prompts jsonb NOT NULL',
  'contact_required boolean NOT NULL',
  'evidence jsonb NOT NULL',
  'rubric jsonb',
].join(',\n        ');

export class Homework1764200000000 implements MigrationInterface {
  name = 'Homework1764200000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE users ADD COLUMN student_id text CHECK (length(student_id) BETWEEN 1 AND 64)`);
    await db.query(`CREATE UNIQUE INDEX users_student_id ON users (tenant_id, student_id) WHERE student_id IS NOT NULL`);

    await createTenantTable(db, 'cohorts', `
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        starts_on date,
        ends_on date,
        archived_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (ends_on IS NULL OR starts_on IS NULL OR ends_on >= starts_on)`);
    await db.query(`CREATE UNIQUE INDEX cohorts_by_name ON cohorts (tenant_id, lower(name))`);
    await createTenantTable(db, 'cohort_members', `
        cohort_id uuid NOT NULL,
        user_id uuid NOT NULL,
        role text NOT NULL CHECK (role IN ('advisor', 'student')),
        joined_at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (tenant_id, cohort_id) REFERENCES cohorts (tenant_id, id) ON DELETE CASCADE,
        FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE`, { key: 'cohort_id, user_id', referencesTenants: false });
    await db.query(`CREATE INDEX cohort_members_by_user ON cohort_members (tenant_id, user_id, role)`);

    await createTenantTable(db, 'templates', `
        ${TEMPLATE_CONTENT_COLUMNS},
        estimated_minutes integer NOT NULL CHECK (estimated_minutes > 0),
        created_by uuid,
        archived_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()`);

    await createTenantTable(db, 'assignments', `
        template_id uuid NOT NULL,
        cohort_id uuid,
        ${TEMPLATE_CONTENT_COLUMNS},
        estimated_minutes integer NOT NULL,
        opens_at timestamptz NOT NULL,
        due_at timestamptz,
        due_days_after_join integer CHECK (due_days_after_join BETWEEN 1 AND 365),
        created_by uuid NOT NULL,
        archived_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (tenant_id, template_id) REFERENCES templates (tenant_id, id) ON DELETE CASCADE,
        FOREIGN KEY (tenant_id, cohort_id) REFERENCES cohorts (tenant_id, id) ON DELETE CASCADE,
        CHECK ((due_at IS NULL) <> (due_days_after_join IS NULL)),
        CHECK (due_days_after_join IS NULL OR cohort_id IS NOT NULL)`, { referencesTenants: false });
    await db.query(`CREATE INDEX assignments_by_cohort ON assignments (tenant_id, cohort_id, created_at DESC)`);

    await createTenantTable(db, 'tasks', `
        assignment_id uuid NOT NULL,
        student_id uuid NOT NULL,
        cohort_id uuid,
        status text NOT NULL DEFAULT 'assigned'
          CHECK (status IN ('assigned', 'in_progress', 'submitted', 'revision_requested', 'approved', 'excused')),
        opens_at timestamptz NOT NULL,
        due_at timestamptz NOT NULL,
        draft jsonb NOT NULL DEFAULT '{}'::jsonb,
        draft_contact_id uuid,
        draft_evidence text,
        draft_saved_at timestamptz,
        first_submitted_at timestamptz,
        submitted_at timestamptz,
        approved_at timestamptz,
        excused_reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (tenant_id, assignment_id, student_id),
        FOREIGN KEY (tenant_id, assignment_id) REFERENCES assignments (tenant_id, id) ON DELETE CASCADE,
        FOREIGN KEY (tenant_id, student_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE`, { referencesTenants: false });
    await db.query(`CREATE INDEX tasks_by_student ON tasks (tenant_id, student_id, due_at, id)`);
    await db.query(`CREATE INDEX tasks_by_cohort ON tasks (tenant_id, cohort_id, status)`);
    await db.query(`CREATE INDEX tasks_awaiting_review ON tasks (tenant_id, submitted_at, id) WHERE status = 'submitted'`);

    await createTenantTable(db, 'contacts', `
        owner_id uuid NOT NULL,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        organization text,
        role text,
        sector text,
        how_met text,
        email text,
        linkedin_url text,
        tags text[] NOT NULL DEFAULT '{}',
        notes text,
        follow_up_every_days integer CHECK (follow_up_every_days BETWEEN 1 AND 365),
        shared_with_advisors boolean NOT NULL DEFAULT false,
        last_interaction_at timestamptz,
        next_follow_up_at timestamptz,
        interaction_count integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (tenant_id, owner_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE`, { referencesTenants: false });
    await db.query(`CREATE INDEX contacts_by_owner ON contacts (tenant_id, owner_id, lower(name), id)`);
    await db.query(`CREATE INDEX contacts_follow_up ON contacts (tenant_id, next_follow_up_at) WHERE next_follow_up_at IS NOT NULL`);
    await createTenantTable(db, 'interactions', `
        contact_id uuid NOT NULL,
        owner_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('informational_interview', 'thank_you', 'shared_article', 'introduction', 'follow_up', 'event', 'other')),
        occurred_at timestamptz NOT NULL,
        notes text,
        task_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (tenant_id, contact_id) REFERENCES contacts (tenant_id, id) ON DELETE CASCADE,
        FOREIGN KEY (tenant_id, task_id) REFERENCES tasks (tenant_id, id) ON DELETE SET NULL (task_id)`, { referencesTenants: false });
    await db.query(`CREATE INDEX interactions_timeline ON interactions (tenant_id, contact_id, occurred_at DESC)`);

    await db.query(`ALTER TABLE tasks ADD FOREIGN KEY (tenant_id, draft_contact_id) REFERENCES contacts (tenant_id, id) ON DELETE SET NULL (draft_contact_id)`);
    await createTenantTable(db, 'submissions', `
        task_id uuid NOT NULL,
        version integer NOT NULL CHECK (version > 0),
        answers jsonb NOT NULL,
        contact_id uuid,
        contact_name text,
        contact_organization text,
        evidence text,
        late boolean NOT NULL,
        submitted_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (tenant_id, task_id, version),
        FOREIGN KEY (tenant_id, task_id) REFERENCES tasks (tenant_id, id) ON DELETE CASCADE,
        FOREIGN KEY (tenant_id, contact_id) REFERENCES contacts (tenant_id, id) ON DELETE SET NULL (contact_id)`, { referencesTenants: false });
    await createTenantTable(db, 'reviews', `
        task_id uuid NOT NULL,
        submission_id uuid NOT NULL,
        reviewer_id uuid NOT NULL,
        decision text NOT NULL CHECK (decision IN ('approve', 'revise')),
        comment text,
        rubric_scores jsonb,
        total_points integer,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (tenant_id, submission_id),
        FOREIGN KEY (tenant_id, submission_id) REFERENCES submissions (tenant_id, id) ON DELETE CASCADE`, { referencesTenants: false });

    // Existing tenants get the curriculum too. The owner may be subject to FORCE RLS, so lift it for this one statement.
    await db.query(`ALTER TABLE templates NO FORCE ROW LEVEL SECURITY`);
    await db.query(
      `INSERT INTO templates (tenant_id, id, title, category, instructions, prompts, contact_required, evidence, rubric, estimated_minutes)
       SELECT t.id, gen_random_uuid(), c.title, c.category, c.instructions, c.prompts, c.contact_required, c.evidence, c.rubric, c.estimated_minutes
         FROM tenants t
        CROSS JOIN jsonb_to_recordset($1::jsonb) AS c(title text, category text, instructions text, prompts jsonb,
              contact_required boolean, evidence jsonb, rubric jsonb, estimated_minutes integer)`,
      [JSON.stringify(curriculumRecords())],
    );
    await db.query(`ALTER TABLE templates FORCE ROW LEVEL SECURITY`);
  }

  async down(db: QueryRunner): Promise<void> {
    await dropInOrder(db, 'TABLE', ['reviews', 'submissions', 'interactions']);
    await db.query(`ALTER TABLE tasks DROP CONSTRAINT IF EXISTS tasks_tenant_id_draft_contact_id_fkey`);
    await dropInOrder(db, 'TABLE', ['contacts', 'tasks', 'assignments', 'templates', 'cohort_members', 'cohorts']);
    await db.query(`DROP INDEX users_student_id`);
    await db.query(`ALTER TABLE users DROP COLUMN student_id`);
  }
}

/** The curriculum as rows for jsonb_to_recordset (snake_case columns). */
export function curriculumRecords() {
  return CURRICULUM.map((template) => ({
    title: template.title,
    category: template.category,
    instructions: template.instructions,
    prompts: template.prompts,
    contact_required: template.contactRequired,
    evidence: template.evidence,
    rubric: template.rubric,
    estimated_minutes: template.estimatedMinutes,
  }));
}
