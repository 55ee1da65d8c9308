import { Client } from 'pg';
import { AppConfig } from './app-config';
import { JWT_SECRET_NAME, loadSharedJwtSecret } from './shared-jwt-secret';
import { appRoleClient, ownerClient, prepareTestDatabase, useTestEnvironment } from '../../testing/test-database';

describe('the JWT secret kept in the database (no JWT_SECRET)', () => {
  let owner: Client;
  let app: Client;
  let config: AppConfig;

  beforeAll(async () => {
    config = useTestEnvironment();
    await prepareTestDatabase(config);
    owner = await ownerClient(config);
    app = await appRoleClient(config);
  });

  afterAll(async () => {
    delete process.env['JWT_SECRET'];
    await owner?.end();
    await app?.end();
  });

  const withoutSecret = () => new AppConfig({ ...process.env, JWT_SECRET: '' });

  it('is generated once: concurrent first boots and later restarts all sign with the same key', async () => {
    await owner.query(`DELETE FROM platform_private.secrets WHERE name = $1`, [JWT_SECRET_NAME]);
    const sources = await Promise.all(Array.from({ length: 6 }, () => loadSharedJwtSecret(withoutSecret())));
    expect(sources).toEqual(Array(6).fill('database'));
    const { rows } = await owner.query(`SELECT value FROM platform_private.secrets WHERE name = $1`, [JWT_SECRET_NAME]);
    expect(rows).toHaveLength(1);
    expect(rows[0].value.length).toBeGreaterThanOrEqual(64);

    const first = withoutSecret();
    expect(first.jwtSecret).toBe(rows[0].value);
    expect(first.jwtSecretIsEphemeral).toBe(false);

    // A restart reads the same row back and does not replace it.
    await loadSharedJwtSecret(withoutSecret());
    expect(withoutSecret().jwtSecret).toBe(rows[0].value);
  });

  it('leaves JWT_SECRET in charge when it is set', async () => {
    const configured = new AppConfig({ ...process.env, JWT_SECRET: 'a-configured-secret-of-at-least-32-chars' });
    expect(await loadSharedJwtSecret(configured)).toBe('environment');
    expect(configured.jwtSecret).toBe('a-configured-secret-of-at-least-32-chars');
  });

  it('cannot be read by the app role', async () => {
    await expect(app.query(`SELECT value FROM platform_private.secrets`)).rejects.toThrow(/permission denied/);
  });
});
