// The large seed's core: builds one career center (tenant) with set-based SQL on
// the base tables — INSERT … SELECT … FROM generate_series, never a row at a time —
// in batches of cohorts, one transaction each. Every row is what the product
// itself would have written (see libs/server/homework tasks/reviews services and
// libs/server/network contacts service), so triggers on the base tables (e.g.
// dashboard roll-ups) stay true. No import.meta here: Jest imports this module.
import { randomUUID } from 'node:crypto';
import { APPROVE_COMMENTS, EXCUSE_REASONS, FIRST_NAMES, HOW_MET, LAST_NAMES, PROGRAMS, REVISE_COMMENTS, SECTORS, answerBank } from './data.mjs';

export const DEFAULTS = { students: 50_000, cohorts: 100, assignments: 10, slug: 'large', cohortsPerBatch: 10 };

const DAY = 86_400_000;
const HOUR = 3_600_000;
const VARIANTS = 4;
/** Contacts per student: 1 to 5, three on average (150,000 for 50,000 students). */
const CONTACTS_SQL = `1 + (n * 3) % 5`;

/** The tables this seed writes, in the order they are filled (and emptied in reverse). */
export const SEEDED_TABLES = ['users', 'cohorts', 'cohort_members', 'templates', 'assignments', 'contacts', 'interactions', 'tasks', 'submissions', 'reviews'];

/**
 * Seeds (or replaces) the tenant `options.slug`. `client` is a pg Client on the owner connection.
 * `onProgress({ phase, step, steps, rows })` is called after every step.
 * Returns { tenantId, replaced, counts, elapsedMs, logins }.
 */
export async function seedTenant(client, options, onProgress = () => undefined) {
  const o = { ...DEFAULTS, ...options };
  for (const key of ['students', 'cohorts', 'assignments', 'cohortsPerBatch']) {
    if (!Number.isInteger(o[key]) || o[key] < 1) throw new Error(`--${key} must be a whole number ≥ 1 (got ${o[key]})`);
  }
  if (o.students < o.cohorts) throw new Error('--students must be at least --cohorts (every cohort gets students)');
  if (!/^[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?$/.test(o.slug)) throw new Error(`--slug "${o.slug}" is not a valid career-center slug`);
  if (!o.passwordHash) throw new Error('passwordHash is required (an argon2 hash of the demo password)');
  if (!Array.isArray(o.curriculum) || !o.curriculum.length) throw new Error('curriculum (the template library) is required');

  const started = Date.now();
  const now = new Date(o.now ?? Date.now());
  const plan = makePlan(o, now);
  const batches = [];
  for (let c = 0; c < o.cohorts; c += o.cohortsPerBatch) batches.push([c, Math.min(o.cohorts, c + o.cohortsPerBatch)]);
  const steps = 3 + batches.length * 6;
  let step = 0;
  let rows = 0;
  const progress = (phase, added = 0) => {
    step += 1;
    rows += added;
    onProgress({ phase, step, steps, rows });
  };

  const replaced = await removeTenant(client, o.slug);
  progress(replaced ? `removed the previous "${o.slug}"` : 'no previous tenant');

  await inTenant(client, plan.tenantId, () => setup(client, plan, o));
  progress('tenant, templates, staff, cohorts', 1 + plan.templates.length + 1 + plan.advisors.length + 2 * plan.cohorts.length);

  for (const [from, to] of batches) {
    // A new tenant id is unknown to the planner's statistics, which then takes it for a handful of rows and
    // picks nested loops over whole-tenant scans (minutes instead of seconds, worst for a small tenant in a
    // big database). ANALYZE after each step of the first batch — allowed inside a transaction, and it
    // counts the transaction's own new rows — puts the tenant in the statistics for the statements after it.
    const analyze = from === 0 ? (...tables) => Promise.all(tables.map((table) => client.query(`ANALYZE ${table}`))) : async () => undefined;
    const label = `cohorts ${from + 1}–${to} of ${o.cohorts}`;
    await inTenant(client, plan.tenantId, async () => {
      const cohorts = plan.cohorts.slice(from, to);
      const cohortIds = cohorts.map((c) => c.id);
      const students = await insertStudents(client, plan, o, from, to);
      await analyze('users', 'cohort_members');
      progress(`${label}: students`, students * 2);
      const network = await insertContacts(client, plan, o, from, to, now);
      await analyze('contacts', 'interactions');
      progress(`${label}: contacts`, network);
      const assignments = await insertAssignments(client, plan, cohorts);
      await analyze('assignments');
      progress(`${label}: assignments`, assignments);
      const tasks = await insertTasks(client, plan, cohortIds, now);
      await analyze('tasks');
      progress(`${label}: tasks`, tasks);
      const submissions = await insertSubmissions(client, plan, cohortIds);
      await analyze('submissions');
      progress(`${label}: submissions`, submissions);
      const reviews = await insertReviews(client, plan, cohortIds);
      progress(`${label}: reviews`, reviews);
    });
  }

  // A bulk load leaves the dashboards' roll-up rows (updated by each statement's triggers) full of dead
  // versions that autovacuum would only clear minutes later: vacuum them now, as after any bulk load.
  const rollups = (await client.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename LIKE 'dash\\_%'`)).rows.map((row) => row.tablename);
  await client.query(`VACUUM (ANALYZE) ${[...SEEDED_TABLES, ...rollups].join(', ')}`);
  progress('VACUUM (ANALYZE)');

  const counts = await countRows(client, plan.tenantId);
  return {
    tenantId: plan.tenantId,
    replaced,
    counts,
    elapsedMs: Date.now() - started,
    logins: {
      tenant: o.slug,
      admin: plan.admin.email,
      advisor: plan.advisors[0].email,
      student: studentEmail(0, o.slug),
    },
  };
}

/** Rows per seeded table for one tenant. */
export async function countRows(client, tenantId) {
  return inTenant(client, tenantId, async () => {
    const counts = {};
    for (const table of SEEDED_TABLES) {
      const { rows } = await client.query(`SELECT count(*)::int AS n FROM ${table} WHERE tenant_id = $1`, [tenantId]);
      counts[table] = rows[0].n;
    }
    return counts;
  });
}

/**
 * Deletes a tenant and everything in it, children before parents. Three foreign keys have no index on
 * their referencing side (interactions.task_id, tasks.draft_contact_id, submissions.contact_id, all
 * ON DELETE SET NULL), so every deleted task or contact makes PostgreSQL look for referencing rows —
 * including the dead ones this deletion just left behind. VACUUM between the steps clears those, so each
 * look-up only meets other tenants' rows; without it replacing the large tenant takes hours. Hence
 * several transactions (VACUUM cannot run in one); the tenant row goes last, so an interrupted removal
 * is finished by the next run. The final DELETE FROM tenants cascades to anything else.
 */
export async function removeTenant(client, slug) {
  const { rows } = await client.query(`SELECT id FROM tenants WHERE slug = $1`, [slug]);
  if (!rows.length) return false;
  const tenantId = rows[0].id;
  const remove = (...tables) =>
    inTenant(client, tenantId, async () => {
      for (const table of tables) await client.query(`DELETE FROM ${table} WHERE tenant_id = $1`, [tenantId]);
    });
  await remove('reviews', 'submissions', 'interactions');
  await client.query('VACUUM (ANALYZE) reviews, submissions, interactions');
  await remove('tasks');
  await client.query('VACUUM (ANALYZE) tasks');
  await remove('contacts', 'assignments', 'cohort_members', 'cohorts');
  await inTenant(client, tenantId, () => client.query(`DELETE FROM tenants WHERE id = $1`, [tenantId]));
  return true;
}

/**
 * One transaction with the tenant set, exactly as TenantDatabase.transaction does: with an owner
 * that is subject to FORCE ROW LEVEL SECURITY the policies then let these rows through; a superuser
 * (the usual owner URL) bypasses RLS anyway.
 */
async function inTenant(client, tenantId, work) {
  await client.query('BEGIN');
  try {
    await client.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantId]);
    const result = await work();
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

const pad = (n, width) => String(n).padStart(width, '0');
const studentEmail = (n, slug) => `student${pad(n + 1, 5)}@${slug}.test`;
const iso = (ms) => new Date(ms).toISOString();

/** Everything small enough to decide in JavaScript: ids, staff, cohorts, assignment dates. */
function makePlan(o, now) {
  const yearAgo = Date.UTC(now.getUTCFullYear() - 1, now.getUTCMonth(), now.getUTCDate());
  const tenantId = randomUUID();
  const createdAt = yearAgo - 40 * DAY;
  const templates = o.curriculum.map((template) => ({ ...template, id: randomUUID() }));
  const admin = { id: randomUUID(), email: `admin@${o.slug}.test`, name: 'Avery Admin', role: 'admin', created_at: iso(createdAt) };
  // About one advisor per cohort; one in twenty advisors has a second cohort.
  const advisorCount = Math.max(1, o.cohorts - Math.floor(o.cohorts / 20));
  const advisors = Array.from({ length: advisorCount }, (_, i) => ({
    id: randomUUID(),
    email: `advisor${pad(i + 1, 3)}@${o.slug}.test`,
    name: `${FIRST_NAMES[(i * 7 + 3) % FIRST_NAMES.length]} ${LAST_NAMES[(i * 11 + 5) % LAST_NAMES.length]}`,
    role: 'advisor',
    created_at: iso(createdAt + DAY),
  }));
  // Cohorts start in the first two months of the year; assignments follow every `step` days,
  // so the last ones of the latest cohorts are open now or open in the coming weeks.
  const step = Math.floor(360 / o.assignments);
  const cohorts = [];
  const assignments = [];
  for (let c = 0; c < o.cohorts; c++) {
    const startsOn = yearAgo + (c % 8) * 8 * DAY;
    const advisor = advisors[c % advisorCount];
    const cohort = {
      idx: c,
      id: randomUUID(),
      name: `Cohort ${pad(c + 1, 3)} · ${PROGRAMS[c % PROGRAMS.length]}`,
      starts_on: iso(startsOn).slice(0, 10),
      ends_on: iso(startsOn + 364 * DAY).slice(0, 10),
      created_at: iso(startsOn - 21 * DAY),
      joined_at: iso(startsOn + 12 * HOUR),
      advisor_joined_at: iso(startsOn - 7 * DAY),
      advisor_id: advisor.id,
    };
    cohorts.push(cohort);
    for (let k = 0; k < o.assignments; k++) {
      const opens = startsOn + (1 + k * step) * DAY + 13 * HOUR; // 9 am in New York, give or take daylight saving
      const due = opens + (k % 3 === 2 ? 21 : 14) * DAY + 10 * HOUR + 59 * 60_000; // 11:59 pm
      assignments.push({
        id: randomUUID(),
        cohort_id: cohort.id,
        template_id: templates[k % templates.length].id,
        opens_at: iso(opens),
        due_at: iso(due),
        created_by: advisor.id,
        created_at: iso(Math.min(opens - 2 * DAY, now.getTime() - HOUR)),
      });
    }
  }
  const organizations = SECTORS.flatMap((s) => s.organizations.map(([name, domain]) => ({ name, domain, sector: s.sector, roles: s.roles })));
  return {
    tenantId,
    slug: o.slug,
    name: o.name ?? `${o.slug[0].toUpperCase()}${o.slug.slice(1)} State University Career Center`,
    createdAt,
    templates,
    admin,
    advisors,
    cohorts,
    assignments,
    passwordHash: o.passwordHash,
    answers: answerBank(o.curriculum, VARIANTS),
    lists: {
      first: FIRST_NAMES,
      last: LAST_NAMES,
      orgName: organizations.map((org) => org.name),
      orgDomain: organizations.map((org) => org.domain),
      orgSector: organizations.map((org) => org.sector),
      orgRole: organizations.flatMap((org) => org.roles.slice(0, 4)),
      howMet: HOW_MET,
    },
  };
}

async function setup(client, plan, o) {
  await client.query(`INSERT INTO tenants (id, slug, name, timezone, created_at) VALUES ($1, $2, $3, 'America/New_York', $4)`, [
    plan.tenantId,
    o.slug,
    plan.name,
    iso(plan.createdAt),
  ]);
  // The template library, as TenantsService.create → seedTemplateLibrary writes it.
  await client.query(
    `INSERT INTO templates (tenant_id, id, title, category, instructions, prompts, contact_required, evidence, rubric, estimated_minutes, created_at, updated_at)
     SELECT $1, c.id, c.title, c.category, c.instructions, c.prompts, c."contactRequired", c.evidence, c.rubric, c."estimatedMinutes", $3, $3
       FROM jsonb_to_recordset($2::jsonb) AS c(id uuid, title text, category text, instructions text, prompts jsonb,
            "contactRequired" boolean, evidence jsonb, rubric jsonb, "estimatedMinutes" integer)`,
    [plan.tenantId, JSON.stringify(plan.templates), iso(plan.createdAt)],
  );
  await client.query(
    `INSERT INTO users (tenant_id, id, email, name, role, password_hash, created_at, updated_at)
     SELECT $1, u.id, u.email, u.name, u.role, $2, u.created_at, u.created_at
       FROM jsonb_to_recordset($3::jsonb) AS u(id uuid, email text, name text, role text, created_at timestamptz)`,
    [plan.tenantId, plan.passwordHash, JSON.stringify([plan.admin, ...plan.advisors])],
  );
  await client.query(
    `INSERT INTO cohorts (tenant_id, id, name, starts_on, ends_on, created_at)
     SELECT $1, c.id, c.name, c.starts_on, c.ends_on, c.created_at
       FROM jsonb_to_recordset($2::jsonb) AS c(id uuid, name text, starts_on date, ends_on date, created_at timestamptz)`,
    [plan.tenantId, JSON.stringify(plan.cohorts)],
  );
  await client.query(
    `INSERT INTO cohort_members (tenant_id, cohort_id, user_id, role, joined_at)
     SELECT $1, c.id, c.advisor_id, 'advisor', c.advisor_joined_at
       FROM jsonb_to_recordset($2::jsonb) AS c(id uuid, advisor_id uuid, advisor_joined_at timestamptz)`,
    [plan.tenantId, JSON.stringify(plan.cohorts)],
  );
}

/** Students n (0-based) of cohorts [from, to): student n belongs to cohort floor(n · cohorts / students). */
function studentRange(o, from, to) {
  return [Math.ceil((from * o.students) / o.cohorts), Math.ceil((to * o.students) / o.cohorts) - 1];
}

/** The cohorts as a recordset, for joining by index. */
const COHORTS_SQL = (param) =>
  `jsonb_to_recordset(${param}::jsonb) AS c(idx int, id uuid, joined_at timestamptz, advisor_id uuid)`;

async function insertStudents(client, plan, o, from, to) {
  const [first, last] = studentRange(o, from, to);
  const { rows } = await client.query(
    `WITH students AS (
       INSERT INTO users (tenant_id, id, email, name, role, password_hash, student_id, created_at, updated_at)
       SELECT $1, gen_random_uuid(), format('student%s@%s.test', lpad((n + 1)::text, 5, '0'), $2::text),
              ($7::text[])[1 + n % cardinality($7::text[])] || ' ' || ($8::text[])[1 + (n / cardinality($7::text[]) + n * 7) % cardinality($8::text[])],
              'student', $3, 'S' || lpad((n + 1)::text, 7, '0'), c.joined_at - interval '14 days', c.joined_at - interval '14 days'
         FROM generate_series($4::int, $5::int) AS n
         JOIN ${COHORTS_SQL('$6')} ON c.idx = (n::bigint * ${o.cohorts}) / ${o.students}
       RETURNING id, student_id)
     , members AS (
       INSERT INTO cohort_members (tenant_id, cohort_id, user_id, role, joined_at)
       SELECT $1, c.id, s.id, 'student', c.joined_at
         FROM students s
         JOIN ${COHORTS_SQL('$6')} ON c.idx = ((substr(s.student_id, 2)::bigint - 1) * ${o.cohorts}) / ${o.students}
       RETURNING 1)
     SELECT (SELECT count(*)::int FROM members) AS members`,
    [plan.tenantId, o.slug, plan.passwordHash, first, last, JSON.stringify(plan.cohorts), plan.lists.first, plan.lists.last],
  );
  return rows[0].members;
}

/**
 * Contacts owned by the students, with their interaction timelines. A contact's first
 * interaction is when it was added; its last sets last_interaction_at, and the follow-up
 * clock runs from it (ContactsService.logInteraction). Student n's first contact is added
 * the day they join, so every reflection can cite someone already in their network.
 */
async function insertContacts(client, plan, o, from, to, now) {
  const [first, last] = studentRange(o, from, to);
  const l = plan.lists;
  const { rows } = await client.query(
    `WITH owners AS (
       SELECT u.id AS owner_id, substr(u.student_id, 2)::int - 1 AS n, m.joined_at
         FROM users u
         JOIN cohort_members m ON m.tenant_id = u.tenant_id AND m.user_id = u.id AND m.role = 'student'
        WHERE u.tenant_id = $1 AND u.student_id BETWEEN $2 AND $3)
     , raw AS (
       SELECT o.owner_id, o.n, j, o.joined_at,
              (o.n * 5 + j * 11) % cardinality($5::text[]) AS org,
              (o.n * 3 + j * 17) % 4 AS role_idx,
              o.joined_at + (j - 1) * ($4::timestamptz - interval '2 days' - o.joined_at) / (${CONTACTS_SQL}) + j * interval '1 hour' AS created_at,
              (o.n + j * 3) % 5 AS interactions,
              ((o.n * 17 + j * 29) % 90 + 5) / 100.0 AS spread,
              CASE (o.n + j) % 4 WHEN 0 THEN NULL WHEN 1 THEN 30 WHEN 2 THEN 60 ELSE 90 END AS every
         FROM owners o, generate_series(1, ${CONTACTS_SQL.replace(/\bn\b/g, 'o.n')}) AS j)
     , contact_rows AS (
       SELECT r.*, ($10::text[])[1 + (r.n * 13 + r.j * 7) % cardinality($10::text[])] AS first_name,
              ($11::text[])[1 + (r.n * 7 + r.j * 19) % cardinality($11::text[])] AS last_name,
              CASE WHEN r.interactions = 0 THEN NULL
                   WHEN r.interactions = 1 THEN r.created_at
                   ELSE r.created_at + ($4::timestamptz - interval '1 day' - r.created_at) * r.spread END AS last_at
         FROM raw r)
     , contacts_in AS (
       INSERT INTO contacts (tenant_id, id, owner_id, name, organization, role, sector, how_met, email, linkedin_url, tags, notes,
                             follow_up_every_days, shared_with_advisors, last_interaction_at, next_follow_up_at, interaction_count, created_at, updated_at)
       SELECT $1, gen_random_uuid(), r.owner_id, r.first_name || ' ' || r.last_name, ($5::text[])[1 + r.org], ($8::text[])[1 + r.org * 4 + r.role_idx],
              ($7::text[])[1 + r.org], ($9::text[])[1 + (r.n + r.j) % cardinality($9::text[])],
              lower(r.first_name || '.' || r.last_name) || '@' || ($6::text[])[1 + r.org],
              CASE WHEN (r.n + r.j) % 5 < 3 THEN 'https://www.linkedin.com/in/' || lower(r.first_name || '-' || r.last_name) || '-' || (r.n * 10 + r.j) END,
              CASE (r.n + r.j) % 3 WHEN 0 THEN ARRAY[lower(($7::text[])[1 + r.org])] WHEN 1 THEN ARRAY['alumni'] ELSE '{}'::text[] END,
              CASE WHEN r.j = 1 THEN 'Met in the first week of the cohort.' WHEN (r.n + r.j) % 4 = 0 THEN 'Prefers email; mornings work best.' END,
              r.every, (r.n + r.j * 2) % 4 = 0, r.last_at,
              CASE WHEN r.every IS NULL THEN NULL ELSE COALESCE(r.last_at, r.created_at) + make_interval(days => r.every) END,
              r.interactions, r.created_at, COALESCE(r.last_at, r.created_at)
         FROM contact_rows r
       RETURNING id, owner_id, created_at, last_interaction_at, interaction_count)
     , interactions_in AS (
       INSERT INTO interactions (tenant_id, id, contact_id, owner_id, kind, occurred_at, notes, created_at)
       SELECT $1, gen_random_uuid(), c.id, c.owner_id,
              CASE WHEN i = 0 THEN (ARRAY['informational_interview', 'event', 'introduction', 'informational_interview'])[1 + (hashtext(c.id::text) & 2147483647) % 4]
                   WHEN i = 1 THEN 'thank_you'
                   ELSE (ARRAY['follow_up', 'shared_article', 'introduction', 'other', 'follow_up'])[1 + (i + (hashtext(c.id::text) & 2147483647)) % 5] END,
              at, CASE WHEN i = 0 THEN 'First conversation.' WHEN i = 1 THEN 'Sent a thank-you note.' END, at
         FROM contacts_in c, generate_series(0, c.interaction_count - 1) AS i,
              LATERAL (SELECT CASE WHEN c.interaction_count = 1 THEN c.created_at
                                   ELSE c.created_at + i * (c.last_interaction_at - c.created_at) / (c.interaction_count - 1) END AS at) t
       RETURNING 1)
     SELECT (SELECT count(*)::int FROM contacts_in) AS contacts, (SELECT count(*)::int FROM interactions_in) AS interactions`,
    [
      plan.tenantId,
      `S${pad(first + 1, 7)}`,
      `S${pad(last + 1, 7)}`,
      now.toISOString(),
      l.orgName,
      l.orgDomain,
      l.orgSector,
      l.orgRole,
      l.howMet,
      l.first,
      l.last,
    ],
  );
  return rows[0].contacts + rows[0].interactions;
}

/** Each cohort's assignments: copies of the templates, as AssignmentsService writes them. */
async function insertAssignments(client, plan, cohorts) {
  const ids = new Set(cohorts.map((c) => c.id));
  const { rowCount } = await client.query(
    `INSERT INTO assignments (tenant_id, id, template_id, cohort_id, title, category, instructions, prompts, contact_required, evidence, rubric,
                              estimated_minutes, opens_at, due_at, created_by, created_at, updated_at)
     SELECT t.tenant_id, x.id, t.id, x.cohort_id, t.title, t.category, t.instructions, t.prompts, t.contact_required, t.evidence, t.rubric,
            t.estimated_minutes, x.opens_at, x.due_at, x.created_by, x.created_at, x.created_at
       FROM jsonb_to_recordset($2::jsonb) AS x(id uuid, cohort_id uuid, template_id uuid, opens_at timestamptz, due_at timestamptz,
                                               created_by uuid, created_at timestamptz)
       JOIN templates t ON t.tenant_id = $1 AND t.id = x.template_id`,
    [plan.tenantId, JSON.stringify(plan.assignments.filter((a) => ids.has(a.cohort_id)))],
  );
  return rowCount;
}

/** Reflection answers from the answer bank (JSON text), with this task's placeholders filled in. */
const fillSql = (text, at, org) =>
  `replace(replace(replace(replace(${text},
     '__PAST__', to_char(${at} - interval '2 days', 'YYYY-MM-DD')), '__NEXT__', to_char(${at} + interval '14 days', 'YYYY-MM-DD')),
     '__EARLIER__', to_char(${at} - interval '40 days', 'YYYY-MM-DD')), '__ORG__', COALESCE(${org}, 'Riverton Public Radio'))::jsonb`;
const answersSql = (variant, at, org) => fillSql(`$4::jsonb -> p.tpl -> 'variants' ->> (${variant})`, at, org);

/**
 * Every cohort member gets a task per assignment (what fan-out writes), already in its final
 * state: about half submitted or approved (some after a revision), some in progress, a few
 * excused, the rest not started (overdue once the due date passed). Event times follow one
 * another and never pass `now`; first_submitted_at ≠ submitted_at means a second version.
 */
async function insertTasks(client, plan, cohortIds, now) {
  const { rowCount } = await client.query(
    `WITH base AS (
       SELECT a.tenant_id, a.id AS assignment_id, m.user_id AS student_id, a.cohort_id, a.opens_at, a.due_at, a.created_at,
              a.contact_required, a.evidence, array_position($3::uuid[], a.template_id) - 1 AS tpl,
              random() AS r, random() AS r1, random() AS r2, random() AS r3, random() AS r4, random() AS rv, random() AS rc
         FROM assignments a
         JOIN cohort_members m ON m.tenant_id = a.tenant_id AND m.cohort_id = a.cohort_id AND m.role = 'student'
        WHERE a.tenant_id = $1 AND a.cohort_id = ANY($2::uuid[]))
     , status AS (
       SELECT b.*,
              CASE WHEN b.opens_at > $5 THEN 'assigned'
                   WHEN b.due_at <= $5 THEN CASE WHEN b.r < 0.40 THEN 'approved' WHEN b.r < 0.46 THEN 'submitted' WHEN b.r < 0.50 THEN 'revision_requested'
                                                 WHEN b.r < 0.55 THEN 'excused' WHEN b.r < 0.68 THEN 'in_progress' ELSE 'assigned' END
                   ELSE CASE WHEN b.r < 0.12 THEN 'approved' WHEN b.r < 0.32 THEN 'submitted' WHEN b.r < 0.35 THEN 'revision_requested'
                             WHEN b.r < 0.37 THEN 'excused' WHEN b.r < 0.67 THEN 'in_progress' ELSE 'assigned' END
              END AS status,
              -- the first submission: mostly on time, about one in six after the due date (never after now)
              b.opens_at + (LEAST(b.due_at + (b.due_at - b.opens_at) * 0.2, $5::timestamptz) - b.opens_at) * b.r1 AS s1
         FROM base b)
     , timeline AS (
       SELECT s.*,
              s.status IN ('approved', 'submitted') AND s.rv < 0.12 AND s.s1 < $5::timestamptz - interval '1 day' AS two_versions,
              s.s1 + (LEAST($5::timestamptz, s.s1 + interval '5 days') - s.s1) * (0.2 + 0.8 * s.r2) AS revised_at
         FROM status s)
     , events AS (
       SELECT t.*, CASE WHEN t.two_versions THEN t.s1 + (LEAST($5::timestamptz, t.s1 + interval '10 days') - t.s1) * (0.2 + 0.8 * t.r3) ELSE t.s1 END AS last_submit,
              t.status IN ('approved', 'submitted', 'revision_requested') AS submitted_ever,
              t.opens_at + (LEAST($5::timestamptz, t.due_at + interval '3 days') - t.opens_at) * t.r1 AS touched_at
         FROM timeline t)
     , p AS (
       SELECT e.*, CASE WHEN e.status = 'approved' THEN e.last_submit + (LEAST($5::timestamptz, e.last_submit + interval '7 days') - e.last_submit) * (0.1 + 0.9 * e.r4) END AS approved,
              (e.submitted_ever OR e.status = 'in_progress') AND (e.contact_required OR e.rc < 0.3) AS links_contact,
              e.submitted_ever AND e.evidence ->> 'kind' = 'url' AND ((e.evidence ->> 'required')::boolean OR e.rc < 0.5) AS gives_evidence
         FROM events e)
     INSERT INTO tasks (tenant_id, id, assignment_id, student_id, cohort_id, status, opens_at, due_at, draft, draft_contact_id, draft_evidence,
                        draft_saved_at, first_submitted_at, submitted_at, approved_at, excused_reason, created_at, updated_at)
     SELECT p.tenant_id, gen_random_uuid(), p.assignment_id, p.student_id, p.cohort_id, p.status, p.opens_at, p.due_at,
            CASE WHEN p.submitted_ever THEN ${answersSql(`(hashtext(p.student_id::text || p.assignment_id::text) & 2147483647) % ${VARIANTS}`, 'p.last_submit', 'ct.organization')}
                 WHEN p.status = 'in_progress' THEN ${fillSql(`$4::jsonb -> p.tpl ->> 'partial'`, 'p.touched_at', 'ct.organization')}
                 ELSE '{}'::jsonb END,
            ct.id,
            CASE WHEN p.gives_evidence THEN 'https://www.linkedin.com/posts/fieldwork-' || left(md5(p.student_id::text || p.assignment_id::text), 12) END,
            CASE WHEN p.submitted_ever THEN p.last_submit WHEN p.status = 'in_progress' THEN p.touched_at END,
            CASE WHEN p.submitted_ever THEN p.s1 END,
            CASE WHEN p.submitted_ever THEN p.last_submit END,
            p.approved,
            CASE WHEN p.status = 'excused' THEN ($6::text[])[1 + floor(p.r3 * cardinality($6::text[]))::int] END,
            p.created_at,
            CASE p.status WHEN 'approved' THEN p.approved WHEN 'submitted' THEN p.last_submit WHEN 'revision_requested' THEN p.revised_at
                          WHEN 'in_progress' THEN p.touched_at WHEN 'excused' THEN p.touched_at ELSE p.created_at END
       FROM p
       LEFT JOIN LATERAL (
         SELECT c.id, c.organization FROM contacts c
          WHERE c.tenant_id = p.tenant_id AND c.owner_id = p.student_id
            AND c.created_at <= CASE WHEN p.submitted_ever THEN p.s1 ELSE p.touched_at END
          ORDER BY c.created_at DESC LIMIT 1) ct ON p.links_contact`,
    [plan.tenantId, cohortIds, plan.templates.map((t) => t.id), JSON.stringify(plan.answers), now.toISOString(), EXCUSE_REASONS],
  );
  return rowCount;
}

/**
 * The immutable versions behind each submitted task: version 1 at first_submitted_at, and a
 * version 2 at submitted_at when the student revised. The latest version is the task's draft
 * (TasksService.submit copies it there); late means submitted after the due date.
 */
async function insertSubmissions(client, plan, cohortIds) {
  const { rowCount } = await client.query(
    `INSERT INTO submissions (tenant_id, id, task_id, version, answers, contact_id, contact_name, contact_organization, evidence, late, submitted_at)
     SELECT t.tenant_id, gen_random_uuid(), t.id, v.version,
            CASE WHEN v.at = t.submitted_at THEN t.draft
                 ELSE ${answersSql(`((hashtext(t.student_id::text || t.assignment_id::text) & 2147483647) + 1) % ${VARIANTS}`, 'v.at', 'c.organization')} END,
            t.draft_contact_id, c.name, c.organization, t.draft_evidence, v.at > t.due_at, v.at
       FROM tasks t
       JOIN LATERAL (SELECT array_position($3::uuid[], a.template_id) - 1 AS tpl FROM assignments a
                      WHERE a.tenant_id = t.tenant_id AND a.id = t.assignment_id) p ON true
       LEFT JOIN contacts c ON c.tenant_id = t.tenant_id AND c.id = t.draft_contact_id
      CROSS JOIN LATERAL (VALUES (1, t.first_submitted_at), (2, t.submitted_at)) AS v(version, at)
      WHERE t.tenant_id = $1 AND t.cohort_id = ANY($2::uuid[]) AND t.first_submitted_at IS NOT NULL
        AND (v.version = 1 OR t.submitted_at > t.first_submitted_at)`,
    [plan.tenantId, cohortIds, plan.templates.map((t) => t.id), JSON.stringify(plan.answers)],
  );
  return rowCount;
}

/**
 * Reviews by the cohort's advisor, as ReviewsService.review writes them: a revision request on
 * the first version of revised work (half-way to the resubmission) and on work waiting for its
 * revision, an approval (rubric scored when the assignment has a rubric) on approved work.
 */
async function insertReviews(client, plan, cohortIds) {
  // The cohort's advisor (from the plan: the one advisor each cohort has).
  const { rowCount } = await client.query(
    `INSERT INTO reviews (tenant_id, id, task_id, submission_id, reviewer_id, decision, comment, rubric_scores, total_points, created_at)
     SELECT s.tenant_id, gen_random_uuid(), s.task_id, s.id, adv.user_id, d.decision,
            CASE WHEN d.decision = 'revise' THEN ($3::text[])[1 + (hashtext(s.id::text) & 2147483647) % cardinality($3::text[])]
                 ELSE ($4::text[])[1 + (hashtext(s.id::text) & 2147483647) % cardinality($4::text[])] END,
            rs.scores, rs.total, d.at
       FROM submissions s
       JOIN tasks t ON t.tenant_id = s.tenant_id AND t.id = s.task_id
       JOIN assignments a ON a.tenant_id = t.tenant_id AND a.id = t.assignment_id
       JOIN jsonb_to_recordset($5::jsonb) AS adv(cohort_id uuid, user_id uuid) ON adv.cohort_id = t.cohort_id
      CROSS JOIN LATERAL (
        SELECT CASE WHEN s.submitted_at < t.submitted_at THEN 'revise'
                    WHEN t.status = 'revision_requested' THEN 'revise'
                    WHEN t.status = 'approved' THEN 'approve' END AS decision,
               CASE WHEN s.submitted_at < t.submitted_at THEN s.submitted_at + (t.submitted_at - s.submitted_at) / 2
                    WHEN t.status = 'revision_requested' THEN t.updated_at
                    ELSE t.approved_at END AS at) d
       LEFT JOIN LATERAL (
         SELECT jsonb_object_agg(cr ->> 'key', (cr -> 'levels' -> pick ->> 'points')::int) AS scores,
                sum((cr -> 'levels' -> pick ->> 'points')::int)::int AS total
           FROM jsonb_array_elements(a.rubric) AS cr,
                LATERAL (SELECT GREATEST(0, jsonb_array_length(cr -> 'levels') - 1 - floor(random() * 2)::int) AS pick) k) rs
         ON d.decision = 'approve' AND a.rubric IS NOT NULL AND jsonb_array_length(a.rubric) > 0
      WHERE s.tenant_id = $1 AND t.cohort_id = ANY($2::uuid[]) AND d.decision IS NOT NULL`,
    [
      plan.tenantId,
      cohortIds,
      REVISE_COMMENTS,
      APPROVE_COMMENTS,
      JSON.stringify(plan.cohorts.filter((c) => cohortIds.includes(c.id)).map((c) => ({ cohort_id: c.id, user_id: c.advisor_id }))),
    ],
  );
  return rowCount;
}
