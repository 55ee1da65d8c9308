import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { prepareTestDatabase, useTestEnvironment } from '../../testing';
import { CUSTOM_PLANS_AT_TIMES_AVERAGE, CUSTOM_PLANS_FROM_STUDENTS } from './migrations/1766200000000-relative-tenant-plans';
import { TenantDatabase, requestScope, uuidLiteral } from './tenant-database';

/** What a statement sees of its transaction: the backend, the transaction's start and the tenant set. */
interface Seen {
  pid: number;
  started: Date;
  tenant: string;
}
const SEEN = `SELECT pg_backend_pid() AS pid, now() AS started, current_setting('app.tenant_id', true) AS tenant`;

/** Runs `work` as the API runs a request: inside requestScope(). */
function inRequest<T>(work: () => Promise<T>): Promise<T> {
  return new Promise((resolve, reject) => requestScope()({}, {}, () => void work().then(resolve, reject)));
}

const endOfTurn = () => new Promise((done) => setImmediate(done));

describe('TenantDatabase: the session check opens the request’s tenant transaction', () => {
  let source: DataSource;
  let db: TenantDatabase;
  let pool: Pool;
  const tenantA = randomUUID();
  const tenantB = randomUUID();

  /** Every connection of the pool is back and idle (none left in a transaction). */
  const allReturned = () => pool.totalCount === pool.idleCount;

  beforeAll(async () => {
    const config = useTestEnvironment();
    await prepareTestDatabase(config);
    source = await new DataSource({ type: 'postgres', url: config.appDatabaseUrl, extra: { max: 3 } }).initialize();
    pool = (source.driver as PostgresDriver).master as Pool;
    db = new TenantDatabase(source);
    for (const id of [tenantA, tenantB]) {
      await source.query(`INSERT INTO tenants (id, slug, name, timezone) VALUES ($1, $2, $2, 'UTC')`, [id, `tx-${id.slice(0, 8)}`]);
    }
  });

  afterAll(async () => {
    await source?.destroy();
  });

  it('runs the statement in a transaction of the tenant, and the request’s first transaction of that tenant continues it', async () => {
    const [check, work] = await inRequest(async () => {
      const [opened] = await db.openWith<Seen>(tenantA, SEEN);
      const used = await db.transaction(tenantA, async (m) => (await m.query<Seen[]>(SEEN))[0]);
      return [opened, used];
    });
    expect(check.tenant).toBe(tenantA);
    expect(work).toEqual(check);
    expect(allReturned()).toBe(true);
  });

  it('is taken once: the request’s next transaction is a new one', async () => {
    const [first, second] = await inRequest(async () => {
      await db.openWith<Seen>(tenantA, SEEN);
      const one = await db.transaction(tenantA, async (m) => (await m.query<Seen[]>(SEEN))[0]);
      const two = await db.transaction(tenantA, async (m) => (await m.query<Seen[]>(SEEN))[0]);
      return [one, two];
    });
    expect(second.started.getTime()).toBeGreaterThan(first.started.getTime());
    expect(second.tenant).toBe(tenantA);
  });

  it('is not taken by a transaction of another tenant, and is committed and returned by the end of the turn', async () => {
    const { opened, other } = await inRequest(async () => {
      const [seen] = await db.openWith<Seen>(tenantA, SEEN);
      const elsewhere = await db.transaction(tenantB, async (m) => (await m.query<Seen[]>(SEEN))[0]);
      return { opened: seen, other: elsewhere };
    });
    expect(other.tenant).toBe(tenantB);
    expect(other.pid).not.toBe(opened.pid);
    await endOfTurn();
    await endOfTurn();
    expect(allReturned()).toBe(true);
  });

  it('is committed and returned when the request does other work first (a later turn)', async () => {
    const [opened, later] = await inRequest(async () => {
      const [seen] = await db.openWith<Seen>(tenantA, SEEN);
      await new Promise((done) => setTimeout(done, 20));
      return [seen, await db.transaction(tenantA, async (m) => (await m.query<Seen[]>(SEEN))[0])];
    });
    expect(later.tenant).toBe(tenantA);
    expect(later.started.getTime()).toBeGreaterThan(opened.started.getTime());
    expect(allReturned()).toBe(true);
  });

  it('outside a request, commits at once', async () => {
    const [seen] = await db.openWith<Seen>(tenantA, SEEN);
    expect(seen.tenant).toBe(tenantA);
    expect(allReturned()).toBe(true);
  });

  it('a statement that fails rolls back and returns its connection; the error is PostgreSQL’s', async () => {
    await expect(inRequest(() => db.openWith(tenantA, 'SELECT 1 / 0'))).rejects.toMatchObject({ code: '22012' });
    expect(allReturned()).toBe(true);
    const [{ n }] = await inRequest(() => db.openWith<{ n: number }>(tenantA, 'SELECT 1 AS n'));
    expect(n).toBe(1);
  });

  it('asks for plans made for the values in a career center far above the average, for that transaction only', async () => {
    const withStudents = async (students: number) => {
      const id = randomUUID();
      await source.query(`INSERT INTO tenants (id, slug, name, timezone) VALUES ($1, $2, $2, 'UTC')`, [id, `tx-${id.slice(0, 8)}`]);
      await db.transaction(id, (m) => m.query(`INSERT INTO dash_network (tenant_id, scope_id, students) VALUES ($1, '00000000-0000-0000-0000-000000000000', $2)`, [id, students]));
      return id;
    };
    // A million students is far above ten times the average of any test database; below the floor, no career center is.
    const large = await withStudents(1_000_000);
    const belowFloor = await withStudents(CUSTOM_PLANS_FROM_STUDENTS - 1);
    const mode = (tenant: string) => db.transaction(tenant, async (m) => (await m.query<{ mode: string }[]>(`SELECT current_setting('plan_cache_mode') AS mode`))[0].mode);
    expect(await mode(tenantA)).toBe('auto');
    expect(await mode(belowFloor)).toBe('auto');
    expect(await mode(large)).toBe('force_custom_plan');
    expect(await inRequest(async () => (await db.openWith<{ mode: string }>(large, `SELECT current_setting('plan_cache_mode') AS mode`))[0].mode)).toBe('force_custom_plan');
    // The pool has three connections: every next transaction of a small career center is back to PostgreSQL's choice.
    for (let i = 0; i < 3; i++) expect(await mode(tenantA)).toBe('auto');
  });

  it.each([
    // [students, users, career centers, mode]
    [50_000, 51_000, 3, 'auto'], // the seed:large bench database: the large one is three times the average
    [50_000, 51_000, 1_000, 'force_custom_plan'], // the same among a thousand career centers
    [2_000, 52_000, 1_000, 'force_custom_plan'], // a mid-size career center among many small ones
    [CUSTOM_PLANS_AT_TIMES_AVERAGE * 200 - 1, 200_000, 1_000, 'auto'], // just under ten times the average
    [CUSTOM_PLANS_AT_TIMES_AVERAGE * 200, 200_000, 1_000, 'force_custom_plan'], // ten times
    [CUSTOM_PLANS_FROM_STUDENTS - 1, 1_000, 1_000, 'auto'], // far above the average, but small
    [CUSTOM_PLANS_FROM_STUDENTS, 0, 0, 'force_custom_plan'], // no statistics (after a crash): the floor decides
    [0, 0, 0, 'auto'],
  ])('tenant_plan_mode(%i students, %i users, %i career centers) is %s', async (students, users, careerCenters, expected) => {
    const [{ mode }] = await source.query<{ mode: string }[]>(`SELECT tenant_plan_mode($1, $2, $3) AS mode`, [students, users, careerCenters]);
    expect(mode).toBe(expected);
  });

  it('refuses a tenant or a literal that is not a UUID before it reaches PostgreSQL', async () => {
    await expect(db.openWith("x'; DROP TABLE users; --", 'SELECT 1')).rejects.toThrow(/UUID/);
    expect(() => uuidLiteral("1' OR '1'='1")).toThrow(/UUID/);
    expect(uuidLiteral(tenantA.toUpperCase())).toBe(`'${tenantA}'::uuid`);
  });
});
