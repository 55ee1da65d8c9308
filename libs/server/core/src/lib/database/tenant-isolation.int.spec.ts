import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { AppConfig } from '../config/app-config';
import { appRoleClient, ownerClient, prepareTestDatabase, useTestEnvironment } from '../../testing';

describe('tenant isolation in PostgreSQL', () => {
  let config: AppConfig;
  let app: Client;
  let owner: Client;
  const tenantA = randomUUID();
  const tenantB = randomUUID();

  beforeAll(async () => {
    config = useTestEnvironment();
    await prepareTestDatabase(config);
    owner = await ownerClient(config);
    app = await appRoleClient(config);
    for (const [id, slug] of [
      [tenantA, `rls-a-${tenantA.slice(0, 8)}`],
      [tenantB, `rls-b-${tenantB.slice(0, 8)}`],
    ]) {
      await app.query(`INSERT INTO tenants (id, slug, name, timezone) VALUES ($1, $2, $2, 'UTC')`, [id, slug]);
      await inTenant(app, id, (db) =>
        db.query(`INSERT INTO users (tenant_id, id, email, name, role) VALUES ($1, $2, $3, 'Someone', 'student')`, [
          id,
          randomUUID(),
          `someone@${slug}.test`,
        ]),
      );
    }
  });

  afterAll(async () => {
    await app?.end();
    await owner?.end();
  });

  it('connects as a role that owns no table and cannot bypass row-level security', async () => {
    const { rows } = await app.query(`SELECT current_user, rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user`);
    expect(rows[0]).toEqual({ current_user: config.appDatabaseRole, rolsuper: false, rolbypassrls: false });
    const owned = await owner.query(
      `SELECT c.relname FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner
        WHERE r.rolname = $1 AND c.relkind IN ('r', 'p', 'v', 'm')`,
      [config.appDatabaseRole],
    );
    expect(owned.rows).toEqual([]);
  });

  it('has row-level security enabled and forced on every table with a tenant_id', async () => {
    const { rows } = await owner.query(
      `SELECT c.relname AS table, c.relrowsecurity AS enabled, c.relforcerowsecurity AS forced
         FROM pg_class c
         JOIN pg_namespace n ON n.oid = c.relnamespace
         JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
        ORDER BY 1`,
    );
    expect(rows.length).toBeGreaterThanOrEqual(4);
    for (const row of rows) expect(row).toEqual({ table: row.table, enabled: true, forced: true });
  });

  it('hides another tenant’s rows even when a query forgets to filter by tenant', async () => {
    const seen = await inTenant(app, tenantA, (db) => db.query(`SELECT DISTINCT tenant_id FROM users`));
    expect(seen.rows).toEqual([{ tenant_id: tenantA }]);
    const guessed = await inTenant(app, tenantA, (db) => db.query(`SELECT count(*)::int AS n FROM users WHERE tenant_id = $1`, [tenantB]));
    expect(guessed.rows[0].n).toBe(0);
  });

  it('shows no tenant rows at all when no tenant is set, and the setting never outlives its transaction', async () => {
    await inTenant(app, tenantA, async () => undefined);
    const { rows } = await app.query(`SELECT count(*)::int AS n FROM users`);
    expect(rows[0].n).toBe(0);
  });

  it('refuses to write a row into another tenant', async () => {
    await expect(
      inTenant(app, tenantA, (db) =>
        db.query(`INSERT INTO users (tenant_id, id, email, name, role) VALUES ($1, $2, 'x@y.test', 'X', 'student')`, [tenantB, randomUUID()]),
      ),
    ).rejects.toThrow(/row-level security/);
    await expect(
      inTenant(app, tenantA, (db) => db.query(`UPDATE users SET tenant_id = $1`, [tenantB])),
    ).rejects.toThrow(/row-level security/);
  });
});

async function inTenant<T>(client: Client, tenantId: string, work: (db: Client) => Promise<T>): Promise<T> {
  await client.query('BEGIN');
  try {
    await client.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantId]);
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}
