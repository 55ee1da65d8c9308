import { randomBytes, randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { Role, TemplateInput } from '@fieldwork/contracts';
import type { OperatorAuth, UserAuth } from '../lib/auth/principal';
import { execute } from '../lib/database/execute';
import { queryRows, sql } from '../lib/database/sql';
import { CURRICULUM } from '../lib/database/seeds/curriculum';
import type { TenantDatabase } from '../lib/database/tenant-database';
import { Passwords } from '../lib/security/passwords';

/**
 * Fixture factories for service-level tests: each inserts real rows as the app role
 * (row-level security on, inside the tenant's transaction, as the product writes them)
 * and answers ids plus, for people, the `UserAuth` the services take. Every spec makes
 * its own tenant, so specs share nothing and run in any order, in parallel.
 */

/** A career center made for one spec; `db` is the database its fixtures and checks go through. */
export interface TestTenant {
  id: string;
  slug: string;
  name: string;
  timezone: string;
  db: TenantDatabase;
}

export interface TestCohort {
  id: string;
  name: string;
}

export interface TestUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  /** The principal services take as their first argument. */
  auth: UserAuth;
  /** The password set on the account (null: an invited account that never set one). */
  password: string | null;
}

export interface TestTemplate {
  id: string;
  title: string;
}

export interface TestAssignment {
  id: string;
  title: string;
  /** One task per student of the cohort. */
  tasks: { id: string; studentId: string }[];
}

export interface TestContact {
  id: string;
  name: string;
}

export interface TestOperator {
  id: string;
  email: string;
  auth: OperatorAuth;
}

export interface UserOptions {
  /** Cohorts the advisor advises or the student is in (admins are members of none). */
  cohort?: TestCohort | TestCohort[];
  name?: string;
  email?: string;
  /** Sets a password (hashed as sign-up hashes it); without it the account has none. */
  password?: string;
}

/** A password the product's rules accept. */
export const TEST_PASSWORD = 'Networking-Walks-42!';

let counter = 0;
/** A short suffix unique within the test process, for names and e-mails. */
const next = () => `${++counter}`;
const passwords = new Passwords();

/** The tenant's transaction (RLS on, the tenant set), for fixtures and for a spec's own checks. */
export function inTenant<T>(tenant: TestTenant, work: (db: EntityManager) => Promise<T>): Promise<T> {
  return tenant.db.transaction(tenant.id, work);
}

/** A fresh career center (a random slug) in the given zone; the curriculum is not seeded (see `newTemplate`). */
export async function newTenant(app: { db: TenantDatabase }, options: { timezone?: string; name?: string } = {}): Promise<TestTenant> {
  const tenant: TestTenant = {
    id: randomUUID(),
    slug: `t-${randomBytes(5).toString('hex')}`,
    name: options.name ?? `Career Center ${next()}`,
    timezone: options.timezone ?? 'America/Chicago',
    db: app.db,
  };
  await app.db.platform((db) =>
    execute(db, sql`INSERT INTO tenants (id, slug, name, timezone) VALUES (${tenant.id}, ${tenant.slug}, ${tenant.name}, ${tenant.timezone})`),
  );
  return tenant;
}

/** Platform staff, for the services operators call (tenants, offboarding). */
export async function newOperator(app: { db: TenantDatabase }): Promise<TestOperator> {
  const id = randomUUID();
  const email = `operator-${randomBytes(4).toString('hex')}@fieldwork.test`;
  const hash = await passwords.hash(TEST_PASSWORD);
  await app.db.platform((db) => execute(db, sql`INSERT INTO operators (id, email, name, password_hash) VALUES (${id}, ${email}, 'Olive Operator', ${hash})`));
  return { id, email, auth: { kind: 'operator', operatorId: id } };
}

export async function newCohort(tenant: TestTenant, options: { name?: string; startsOn?: string } = {}): Promise<TestCohort> {
  const cohort = { id: randomUUID(), name: options.name ?? `Cohort ${next()}` };
  await inTenant(tenant, (db) =>
    execute(db, sql`INSERT INTO cohorts (tenant_id, id, name, starts_on) VALUES (${tenant.id}, ${cohort.id}, ${cohort.name}, ${options.startsOn ?? null})`),
  );
  return cohort;
}

/** A person of the tenant with the role; advisors and students join `options.cohort`. */
export async function newUser(tenant: TestTenant, role: Role, options: UserOptions = {}): Promise<TestUser> {
  const id = randomUUID();
  const n = next();
  const email = options.email ?? `${role}-${n}@${tenant.slug}.test`;
  const name = options.name ?? `${role[0].toUpperCase()}${role.slice(1)} ${n}`;
  const hash = options.password ? await passwords.hash(options.password) : null;
  const cohorts = role === 'admin' ? [] : [options.cohort ?? []].flat();
  await inTenant(tenant, async (db) => {
    await execute(db, sql`INSERT INTO users (tenant_id, id, email, name, role, password_hash) VALUES (${tenant.id}, ${id}, ${email}, ${name}, ${role}, ${hash})`);
    for (const cohort of cohorts) {
      await execute(db, sql`INSERT INTO cohort_members (tenant_id, cohort_id, user_id, role) VALUES (${tenant.id}, ${cohort.id}, ${id}, ${role})`);
    }
  });
  return { id, email, name, role, auth: { kind: 'user', userId: id, tenantId: tenant.id, role }, password: options.password ?? null };
}

export const newAdmin = (tenant: TestTenant, options: UserOptions = {}) => newUser(tenant, 'admin', options);
export const newAdvisor = (tenant: TestTenant, options: UserOptions = {}) => newUser(tenant, 'advisor', options);
export const newStudent = (tenant: TestTenant, options: UserOptions = {}) => newUser(tenant, 'student', options);

/** A cohort with its advisor and students: the scene most homework specs start from. */
export interface TestCohortWithPeople {
  cohort: TestCohort;
  advisor: TestUser;
  students: TestUser[];
}

/** A new cohort, an advisor of it and its students: `students` is how many, or each one's options (name, password). */
export async function newCohortWithPeople(tenant: TestTenant, options: { name?: string; students?: number | UserOptions[] } = {}): Promise<TestCohortWithPeople> {
  const cohort = await newCohort(tenant, { name: options.name });
  const advisor = await newAdvisor(tenant, { cohort });
  const wanted = options.students ?? 1;
  const each: UserOptions[] = typeof wanted === 'number' ? Array.from({ length: wanted }, () => ({})) : wanted;
  const people: TestUser[] = [];
  for (const person of each) people.push(await newStudent(tenant, { ...person, cohort }));
  return { cohort, advisor, students: people };
}

/** A homework template: a copy of one of the curriculum's (the first, an informational interview, unless told). */
export async function newTemplate(tenant: TestTenant, options: { title?: string; from?: TemplateInput } = {}): Promise<TestTemplate> {
  const from = options.from ?? CURRICULUM[0];
  const template = { id: randomUUID(), title: options.title ?? from.title };
  const json = (value: unknown) => (value === null ? null : JSON.stringify(value));
  await inTenant(tenant, (db) =>
    execute(
      db,
      sql`INSERT INTO templates (tenant_id, id, title, category, instructions, prompts, contact_required, evidence, rubric, estimated_minutes, interaction_kind)
          VALUES (${tenant.id}, ${template.id}, ${template.title}, ${from.category}, ${from.instructions}, ${json(from.prompts)}::jsonb, ${from.contactRequired},
                  ${json(from.evidence)}::jsonb, ${json(from.rubric)}::jsonb, ${from.estimatedMinutes}, ${from.interactionKind ?? null})`,
    ),
  );
  return template;
}

export interface AssignmentOptions {
  cohort: TestCohort;
  template: TestTemplate;
  /** The staff member who assigns it. */
  by: TestUser;
  /** Default: now. */
  opensAt?: Date;
  /** Default: a week after it opens. */
  dueAt?: Date;
}

/**
 * Homework given to a cohort, with one task per student already in it (the
 * assignment copies its template, as assigning does). For a spec of another
 * library that needs homework to exist; homework's own spec assigns through its service.
 */
export async function newAssignment(tenant: TestTenant, options: AssignmentOptions): Promise<TestAssignment> {
  const id = randomUUID();
  const opensAt = options.opensAt ?? new Date();
  const dueAt = options.dueAt ?? new Date(opensAt.getTime() + 7 * 86_400_000);
  return inTenant(tenant, async (db) => {
    const [assignment] = await queryRows<{ title: string }>(
      db,
      sql`INSERT INTO assignments (tenant_id, id, template_id, cohort_id, title, category, instructions, prompts, contact_required, evidence, rubric,
                                   estimated_minutes, interaction_kind, opens_at, due_at, created_by)
          SELECT tenant_id, ${id}, id, ${options.cohort.id}, title, category, instructions, prompts, contact_required, evidence, rubric,
                 estimated_minutes, interaction_kind, ${opensAt}, ${dueAt}, ${options.by.id}
            FROM templates WHERE tenant_id = ${tenant.id} AND id = ${options.template.id}
          RETURNING title`,
    );
    const tasks = await queryRows<{ id: string; student_id: string }>(
      db,
      sql`INSERT INTO tasks (tenant_id, id, assignment_id, student_id, cohort_id, opens_at, due_at)
          SELECT tenant_id, gen_random_uuid(), ${id}, user_id, cohort_id, ${opensAt}, ${dueAt}
            FROM cohort_members WHERE tenant_id = ${tenant.id} AND cohort_id = ${options.cohort.id} AND role = 'student'
          RETURNING id, student_id`,
    );
    return { id, title: assignment.title, tasks: tasks.map((task) => ({ id: task.id, studentId: task.student_id })) };
  });
}

/** A contact in the student's network (private unless `shared`). */
export async function newContact(
  tenant: TestTenant,
  owner: TestUser,
  options: { name?: string; organization?: string; shared?: boolean } = {},
): Promise<TestContact> {
  const contact = { id: randomUUID(), name: options.name ?? `Contact ${next()}` };
  await inTenant(tenant, (db) =>
    execute(
      db,
      sql`INSERT INTO contacts (tenant_id, id, owner_id, name, organization, shared_with_advisors)
          VALUES (${tenant.id}, ${contact.id}, ${owner.id}, ${contact.name}, ${options.organization ?? null}, ${options.shared ?? false})`,
    ),
  );
  return contact;
}
