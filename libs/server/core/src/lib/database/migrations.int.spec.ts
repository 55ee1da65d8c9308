import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { migrationDataSource } from './database-setup';
import { MIGRATIONS } from './migrations';
import { ownerClient, useTestEnvironment } from '../../testing';

describe('migrations', () => {
  it('run up, all the way down, and up again on an empty database', async () => {
    const config = useTestEnvironment();
    const admin: Client = await ownerClient(config);
    const name = `fieldwork_scratch_${randomBytes(4).toString('hex')}`;
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(config.ownerDatabaseUrl);
    url.pathname = `/${name}`;
    const dataSource = migrationDataSource(url.toString());
    try {
      await dataSource.initialize();
      expect(await dataSource.runMigrations()).toHaveLength(MIGRATIONS.length);
      for (let i = 0; i < MIGRATIONS.length; i++) await dataSource.undoLastMigration();
      const { length } = await dataSource.query(`SELECT 1 FROM pg_tables WHERE schemaname = 'public' AND tablename = 'users'`);
      expect(length).toBe(0);
      expect(await dataSource.runMigrations()).toHaveLength(MIGRATIONS.length);
    } finally {
      if (dataSource.isInitialized) await dataSource.destroy();
      await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
      await admin.end();
    }
  });
});
