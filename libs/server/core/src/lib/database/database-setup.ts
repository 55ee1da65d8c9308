import { Client, escapeIdentifier, escapeLiteral } from 'pg';
import { runMigrations as runQueueMigrations } from 'bullmq';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { MIGRATIONS } from './migrations';
import { advisoryLock, advisoryUnlock, currentDatabase, roleExists } from './database-setup.queries';

const SETUP_LOCK = 746_372_001;
const MIGRATIONS_TABLE = 'schema_migrations';

export function migrationDataSource(ownerUrl: string): DataSource {
  return new DataSource({
    type: 'postgres',
    url: ownerUrl,
    migrations: MIGRATIONS,
    migrationsTableName: MIGRATIONS_TABLE,
    migrationsTransactionMode: 'each',
    logging: ['error'],
  });
}

export interface SetupReport {
  migrationsRun: string[];
  appRole: string;
}

/**
 * Brings a database to the state the app needs, as the owner: schema migrations,
 * BullMQ's PostgreSQL schema when that backend is used, the app role and its grants.
 * Safe to run from several processes at once (advisory lock) and on every start.
 */
export async function prepareDatabase(config: AppConfig): Promise<SetupReport> {
  const owner = new Client({ connectionString: config.ownerDatabaseUrl });
  await owner.connect();
  try {
    await advisoryLock(owner, SETUP_LOCK);
    const migrationsRun = await runSchemaMigrations(config.ownerDatabaseUrl);
    // BullMQ's PostgreSQL schema is kept ready even on Redis, so switching backends needs no extra step.
    await runQueueMigrations(owner);
    if (config.createsAppRole) await ensureAppRole(owner, config.appDatabaseRole, config.env.APP_DATABASE_PASSWORD);
    await grantAppRole(owner, config.appDatabaseRole);
    return { migrationsRun, appRole: config.appDatabaseRole };
  } finally {
    await advisoryUnlock(owner, SETUP_LOCK).catch(() => undefined);
    await owner.end();
  }
}

async function runSchemaMigrations(ownerUrl: string): Promise<string[]> {
  const dataSource = migrationDataSource(ownerUrl);
  await dataSource.initialize();
  try {
    const ran = await dataSource.runMigrations({ transaction: 'each' });
    return ran.map((migration) => migration.name);
  } finally {
    await dataSource.destroy();
  }
}

async function ensureAppRole(owner: Client, role: string, password: string): Promise<void> {
  const exists = await roleExists(owner, role);
  const attributes = `LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE PASSWORD ${escapeLiteral(password)}`;
  try {
    await owner.query(`${exists ? 'ALTER' : 'CREATE'} ROLE ${escapeIdentifier(role)} ${attributes}`);
  } catch (error) {
    // Another database on the same cluster may have created it a moment ago.
    if (!isDuplicateRole(error)) throw error;
  }
}

function isDuplicateRole(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  return code === '42710' || code === '23505' || code === 'XX000';
}

async function grantAppRole(owner: Client, role: string): Promise<void> {
  const app = escapeIdentifier(role);
  const database = escapeIdentifier(await currentDatabase(owner));
  const statements = [
    `GRANT CONNECT ON DATABASE ${database} TO ${app}`,
    `GRANT USAGE ON SCHEMA public TO ${app}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${app}`,
    `REVOKE ALL ON ${MIGRATIONS_TABLE} FROM ${app}`,
    // The JWT strategy's SECURITY DEFINER read (it sets the tenant itself): only the app role may call it.
    `REVOKE EXECUTE ON FUNCTION auth_principal(uuid, uuid, uuid) FROM PUBLIC`,
    `GRANT EXECUTE ON FUNCTION auth_principal(uuid, uuid, uuid) TO ${app}`,
    // BullMQ creates a job-id sequence per queue on first use, so its own schema (no tenant data) allows CREATE.
    `GRANT USAGE, CREATE ON SCHEMA bullmq TO ${app}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA bullmq TO ${app}`,
    `GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA bullmq TO ${app}`,
    `GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA bullmq TO ${app}`,
  ];
  for (const statement of statements) await owner.query(statement);
  await tunePlanner(owner, app, database);
}

/**
 * The working set lives in memory, where an index probe costs about what a sequential read
 * does: with PostgreSQL's default random_page_cost (4, for spinning disks) the planner
 * preferred scanning a whole tenant's users to 500 index probes for one cohort, so a
 * dashboard read took ten times longer in a 50,000-student center than in a 500-student
 * one. 1.1 is the usual value for SSDs and memory. Set for the app role in this database
 * (no extra round trip per connection, and it works behind PgBouncer); an owner without
 * the privilege to set it leaves PostgreSQL's default.
 */
async function tunePlanner(owner: Client, app: string, database: string): Promise<void> {
  try {
    await owner.query(`ALTER ROLE ${app} IN DATABASE ${database} SET random_page_cost = 1.1`);
  } catch (error) {
    if ((error as { code?: string }).code !== '42501') throw error;
  }
}
