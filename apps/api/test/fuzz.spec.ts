import fc from 'fast-check';
import type { TaskSummary } from '@fieldwork/contracts';
import { Session, TenantFixture, TestApi } from './support/test-api';
import { cohortWithPeople } from './support/homework-fixture';
import { JsonSchema, OpenApiDocument, Operation, SchemaChecker, matchOperation, operationsOf, resolveRef, responseSchema } from './support/openapi-document';

/**
 * Requests generated from /api/docs-json: every operation, as an admin, a student,
 * an advisor and anonymously, with plausible and hostile values for each path,
 * query and body field (NUL characters, huge strings, deep nesting, wrong types,
 * nulls, bad ids, injection text). No answer may be a 5xx; a 2xx body must match
 * its operation's schema and an error body the ApiError shape. Deterministic seed.
 */
const SEED = 20261130;
const REQUESTS = 3_000;

const HOSTILE: unknown[] = [
  '\u0000',
  'a\u0000b',
  'x'.repeat(100_000),
  '',
  '   ',
  'line\r\nbreak',
  "' OR 1=1 --",
  '"; DROP TABLE users; --',
  '<script>alert(1)</script>',
  '../../../etc/passwd',
  '00000000-0000-0000-0000-00000000000g',
  'not-a-uuid',
  '2027-02-30',
  '😀'.repeat(300),
  '\ud800',
  null,
  0,
  -1,
  1.5,
  1e308,
  Number.MAX_SAFE_INTEGER,
  true,
  [],
  {},
  { $gt: '' },
  ['\u0000'],
  nest(60),
];

/** Raw bodies that are not what any operation expects. */
const RAW_BODIES = ['['.repeat(10_000), '{"a":'.repeat(2_000), '{"name":"\\u0000"}', 'null', '"text"', '{', '{"__proto__":{"admin":true}}'];

/** Percent-encodes; a lone surrogate becomes the invalid UTF-8 it would be on the wire. */
function encode(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return '%ED%A0%80';
  }
}

function nest(depth: number): unknown {
  let value: unknown = 'deep';
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
}

interface FuzzRequest {
  role: 'admin' | 'advisor' | 'student' | 'anonymous';
  operation: string;
  method: string;
  path: string;
  body?: unknown;
  rawBody?: string;
}

describe('fuzzing every operation of the OpenAPI document', () => {
  let api: TestApi;
  let doc: OpenApiDocument;
  let t: TenantFixture;
  let ids: string[];

  beforeAll(async () => {
    api = await TestApi.start();
    doc = (await api.request<OpenApiDocument>('GET', '/docs-json')).body;
    t = await api.tenantWithPeople();
    const c = await cohortWithPeople(api, t);
    // Ids the generator may aim at: real objects of the tenant, never the fuzzing sessions' own accounts.
    const victim = await api.accept((await api.invite(t.admin, `victim@${t.slug}.test`, 'student')).token, 'Vic Victim');
    await api.request('POST', `/cohorts/${c.cohortId}/members`, { token: t.admin.accessToken, body: { userIds: [victim.userId], role: 'student' } });
    const assignment = await api.request('POST', '/assignments', { token: t.advisor.accessToken, body: { templateId: c.template.id, cohortId: c.cohortId, dueOn: '2027-03-14' } });
    const tasks = await api.request<{ items: TaskSummary[] }>('GET', '/tasks', { token: t.student.accessToken });
    const contact = await api.request('POST', '/contacts', { token: t.student.accessToken, body: { name: 'Fuzz Contact' } });
    const exportId = (await api.request('POST', '/exports', { token: t.admin.accessToken, body: { kind: 'network-summary' } })).body.id;
    ids = [c.cohortId, c.template.id, assignment.body.id, ...tasks.body.items.map((x) => x.id), contact.body.id, victim.userId, exportId].filter(Boolean);
  }, 60_000);

  afterAll(async () => {
    await api?.close();
  });

  it(`answers ${REQUESTS} generated requests without a 5xx, with schema-valid bodies`, async () => {
    const operations = operationsOf(doc).filter((o) => !o.path.startsWith('/api/docs'));
    const checker = new SchemaChecker(doc);
    const sessions: Record<FuzzRequest['role'], Session | undefined> = { admin: t.admin, advisor: t.advisor, student: t.student, anonymous: undefined };
    const requests = fc.sample(requestArbitrary(doc, operations, ids), { seed: SEED, numRuns: REQUESTS });

    const failures: string[] = [];
    const perOperation = new Map<string, number>();
    const statuses = new Map<number, number>();
    for (const request of requests) {
      perOperation.set(request.operation, (perOperation.get(request.operation) ?? 0) + 1);
      const reply = await api.request(request.method, request.path, { token: sessions[request.role]?.accessToken, body: request.body, rawBody: request.rawBody });
      statuses.set(reply.status, (statuses.get(reply.status) ?? 0) + 1);
      const described = () => `${request.role} ${request.method} ${request.path.slice(0, 200)} ${JSON.stringify(request.rawBody ?? request.body ?? '')?.slice(0, 200)} → ${reply.status} ${JSON.stringify(reply.body).slice(0, 300)}`;
      if (reply.status >= 500) {
        failures.push(described());
        continue;
      }
      const json = reply.headers.get('content-type')?.includes('json');
      if (!json) continue;
      // An empty path parameter lands on another route (`/exports/` is the list): check against the route it reached.
      const operation = matchOperation(operations, request.method, `/api${request.path.split('?')[0]}`);
      if (!operation) continue;
      const schema = reply.status < 300 ? responseSchema(operation.op, reply.status) : { $ref: '#/components/schemas/ApiError' };
      if (reply.status < 300 && !operation.op.responses[String(reply.status)]) failures.push(`undocumented status: ${described()}`);
      if (!schema) continue;
      const problems = checker.check(schema, reply.body);
      if (problems.length) failures.push(`${problems.join('; ')}: ${described()}`);
    }

    // Every operation was tried, many times.
    const untried = operations.filter((o) => (perOperation.get(o.key) ?? 0) < 10).map((o) => o.key);
    expect(untried).toEqual([]);
    expect(failures.slice(0, 25)).toEqual([]);
    // The fuzzer reached past validation too: some successes, not only refusals.
    expect([...statuses].filter(([status]) => status < 300).reduce((sum, [, n]) => sum + n, 0)).toBeGreaterThan(100);
  }, 240_000);
});

function requestArbitrary(doc: OpenApiDocument, operations: Operation[], ids: string[]): fc.Arbitrary<FuzzRequest> {
  const role = fc.constantFrom<FuzzRequest['role']>('admin', 'admin', 'student', 'student', 'advisor', 'anonymous');
  return fc.constantFrom(...operations).chain((operation) =>
    fc.record({ role, path: pathArbitrary(operation, ids), body: operation.method === 'GET' ? fc.constant({}) : bodyArbitrary(doc, operation, ids) }).map(({ role, path, body }) => ({
      role,
      operation: operation.key,
      method: operation.method,
      path,
      ...body,
    })),
  );
}

/** The concrete path (under /api) with path parameters filled in and some query parameters. */
function pathArbitrary(operation: Operation, ids: string[]): fc.Arbitrary<string> {
  const parameters = operation.op.parameters ?? [];
  const pathParams = parameters.filter((p) => p.in === 'path');
  const queryParams = parameters.filter((p) => p.in === 'query');
  const pathValues = fc.tuple(...pathParams.map(() => idLike(ids).map((v) => encode(String(v)))));
  const queryValues = fc.tuple(
    ...queryParams.map((p) => fc.option(fc.oneof(valueFor(p.schema ?? {}, ids, 0), fc.constantFrom(...HOSTILE)), { nil: undefined, freq: 2 })),
  );
  return fc.tuple(pathValues, queryValues).map(([values, query]) => {
    let path = operation.path.replace(/^\/api/, '');
    pathParams.forEach((p, i) => (path = path.replace(`{${p.name}}`, values[i] as string)));
    if (operation.path.endsWith('{file}')) path = path.replace(/([^/]*)$/, '$1.ics');
    const search = queryParams
      .map((p, i) => (query[i] === undefined ? '' : `${encode(p.name)}=${encode(typeof query[i] === 'object' ? JSON.stringify(query[i]) : String(query[i]))}`))
      .filter(Boolean)
      .join('&');
    return search ? `${path}?${search}` : path;
  });
}

function bodyArbitrary(doc: OpenApiDocument, operation: Operation, ids: string[]): fc.Arbitrary<{ body?: unknown; rawBody?: string }> {
  const schema = resolveRef(doc, operation.op.requestBody?.content?.['application/json']?.schema);
  const raw = fc.constantFrom(...RAW_BODIES).map((rawBody) => ({ rawBody }));
  const hostile = fc.constantFrom(...HOSTILE).map((body) => ({ body }));
  if (!schema) return fc.oneof({ arbitrary: fc.constant({}), weight: 6 }, { arbitrary: raw, weight: 1 }, { arbitrary: hostile, weight: 1 });
  return fc.oneof({ arbitrary: valueFor(schema, ids, 0, doc).map((body) => ({ body })), weight: 8 }, { arbitrary: raw, weight: 1 }, { arbitrary: hostile, weight: 1 });
}

function idLike(ids: string[]): fc.Arbitrary<unknown> {
  return fc.oneof({ arbitrary: fc.constantFrom(...ids), weight: 5 }, { arbitrary: fc.uuid(), weight: 2 }, { arbitrary: fc.constantFrom(...HOSTILE), weight: 2 });
}

/** A value for a schema: mostly of the right type (real ids, enum members, days), sometimes hostile. */
function valueFor(input: JsonSchema, ids: string[], depth: number, doc?: OpenApiDocument): fc.Arbitrary<unknown> {
  const schema = (doc ? resolveRef(doc, input) : input) ?? {};
  const hostile = fc.constantFrom(...HOSTILE);
  const right = rightTyped(schema, ids, depth, doc);
  return fc.oneof({ arbitrary: right, weight: 4 }, { arbitrary: hostile, weight: 1 });
}

function rightTyped(schema: JsonSchema, ids: string[], depth: number, doc?: OpenApiDocument): fc.Arbitrary<unknown> {
  if (Array.isArray(schema['enum'])) return fc.constantFrom(...(schema['enum'] as unknown[]));
  if (depth > 3) return fc.constant(null);
  const type = schema['type'];
  if (type === 'array') return fc.array(valueFor(schema['items'] ?? {}, ids, depth + 1, doc), { maxLength: 3 });
  if (type === 'object' || schema['properties']) {
    const properties = Object.entries((schema['properties'] ?? {}) as Record<string, JsonSchema>);
    if (!properties.length) return fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(fc.string(), fc.integer(), fc.constant(null)), { maxKeys: 3 });
    return fc.record(Object.fromEntries(properties.map(([name, s]) => [name, valueFor(s, ids, depth + 1, doc)])), { requiredKeys: [] });
  }
  if (type === 'integer') return fc.oneof(fc.integer({ min: -5, max: 400 }), fc.constantFrom(1, 7, 14, 50));
  if (type === 'number') return fc.double({ noNaN: true, min: -1e6, max: 1e6 });
  if (type === 'boolean') return fc.boolean();
  if (schema['format'] === 'uuid' || /Id$/.test(String(schema['description'] ?? ''))) return idLike(ids);
  if (schema['format'] === 'date') return fc.constantFrom('2027-03-14', '2026-11-01', '2027-02-30', '1999-01-01');
  if (schema['format'] === 'date-time') return fc.constantFrom('2027-03-14T12:00:00.000Z', '2026-11-01T00:00:00Z', 'yesterday');
  return fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom(...ids), fc.emailAddress(), fc.constantFrom('America/New_York', 'Mars/Olympus', 'informational_interview'));
}
