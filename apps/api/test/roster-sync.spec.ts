import { ownerClient, useOwnDatabase } from '@fieldwork/server-core/testing';
import type { RosterRowOutcome } from '@fieldwork/contracts';
import { TenantFixture, TestApi } from './support/test-api';
import { sync } from './support/roster-upload';

const HEADER = 'email,name,student_id,cohort';
const csvOf = (...rows: string[]) => [HEADER, ...rows].join('\n');
const byLine = (outcomes: RosterRowOutcome[]) => Object.fromEntries(outcomes.map((o) => [o.line, o]));

describe('roster sync over HTTP', () => {
  let api: TestApi;
  let t: TenantFixture;
  let dropOwnDatabase: () => Promise<void>;

  beforeAll(async () => {
    // A database of its own: the 5,000-student import leaves 5,000 invitation e-mails in the outbox and
    // 5,000 people in the tables other suites read, and its timing should not depend on what they left.
    dropOwnDatabase = await useOwnDatabase();
    api = await TestApi.start();
    t = await api.tenantWithPeople();
  }, 60_000);
  afterAll(async () => {
    await api?.close();
    await dropOwnDatabase?.();
  });

  async function members(cohortName: string): Promise<string[]> {
    const cohorts = await api.request('GET', '/cohorts?limit=200', { token: t.admin.accessToken });
    const cohort = cohorts.body.items.find((c: { name: string }) => c.name === cohortName);
    if (!cohort) return [];
    const detail = await api.request('GET', `/cohorts/${cohort.id}`, { token: t.admin.accessToken });
    return detail.body.members.filter((m: { role: string }) => m.role === 'student').map((m: { email: string }) => m.email).sort();
  }

  async function person(email: string): Promise<{ name: string; student_id: string | null } | undefined> {
    const owner = await ownerClient(api.config);
    try {
      const { rows } = await owner.query(`SELECT name, student_id FROM users WHERE tenant_id = $1 AND email = $2`, [t.tenantId, email]);
      return rows[0];
    } finally {
      await owner.end();
    }
  }

  it('adds new people, updates changed ones, leaves the rest unchanged; the dry run says so row by row and writes nothing', async () => {
    const first = await sync(api, t.admin.accessToken, csvOf('ana@sync.test,Ana Alves,A1,Sync Fall', 'ben@sync.test,Ben B.,,Sync Fall'));
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ ok: true, counts: { added: 2, updated: 0, unchanged: 0, error: 0, removed: 0 }, created: { students: 2, cohorts: 1, memberships: 2 } });

    // The new term's file: Ana as before, Ben with his full name and id, the existing student joins, Carl is new.
    const term = csvOf('ana@sync.test,Ana Alves,A1,Sync Fall', 'ben@sync.test,Ben Brown,B2,Sync Fall', `${t.student.email},Stu Student,S9,Sync Fall`, 'carl@sync.test,Carl Cruz,C3,Sync Fall');
    const dry = await sync(api, t.admin.accessToken, term, { dryRun: true });
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ dryRun: true, ok: true, errors: [], counts: { added: 1, updated: 2, unchanged: 1, error: 0 }, created: { students: 1, cohorts: 0, memberships: 2 } });
    const lines = byLine(dry.body.outcomes);
    expect(lines[2]).toMatchObject({ result: 'unchanged', changes: [] });
    expect(lines[3]).toMatchObject({ result: 'updated', changes: ['name: "Ben B." → "Ben Brown"', 'student_id: (none) → "B2"'] });
    expect(lines[4]).toMatchObject({ result: 'updated', changes: ['student_id: (none) → "S9"', 'joins cohort "Sync Fall"'] });
    expect(lines[5]).toMatchObject({ result: 'added', email: 'carl@sync.test' });
    expect(await person('ben@sync.test')).toEqual({ name: 'Ben B.', student_id: null });
    expect(await person('carl@sync.test')).toBeUndefined();

    const real = await sync(api, t.admin.accessToken, term);
    expect(real.status).toBe(200);
    expect(real.body).toMatchObject({ dryRun: false, ok: true, counts: dry.body.counts, created: dry.body.created });
    expect(real.body.outcomes).toEqual(dry.body.outcomes);
    expect(await person('ben@sync.test')).toEqual({ name: 'Ben Brown', student_id: 'B2' });
    expect(await person(t.student.email)).toEqual({ name: 'Stu Student', student_id: 'S9' });
    expect(await members('Sync Fall')).toEqual(['ana@sync.test', 'ben@sync.test', 'carl@sync.test', t.student.email].sort());

    // The same file again: nothing to do; an empty student_id cell keeps the one on file.
    const again = await sync(api, t.admin.accessToken, term.replace('Ana Alves,A1', 'Ana Alves,'));
    expect(again.body.counts).toEqual({ added: 0, updated: 0, unchanged: 4, error: 0, removed: 0 });
    expect(await person('ana@sync.test')).toEqual({ name: 'Ana Alves', student_id: 'A1' });

    const audit = await api.request('GET', '/audit-events?action=roster.imported', { token: t.admin.accessToken });
    expect(audit.body.items[0]).toMatchObject({ actor: { id: t.admin.userId }, details: { rows: 4, added: 0, updated: 0, unchanged: 4, removed: 0, via: 'web' } });
    expect(audit.body.items[1].details).toMatchObject({ rows: 4, added: 1, updated: 2, unchanged: 1, students: 1, memberships: 2 });
  });

  it('with removeMissing lists, then removes, the members of the file’s cohorts who are not in it (membership only)', async () => {
    await sync(api, t.admin.accessToken, csvOf('dora@sync.test,Dora D,D1,Spring Move', 'eli@sync.test,Eli E,E1,Spring Move', 'fay@sync.test,Fay F,F1,Spring Move', 'fay@sync.test,Fay F,F1,Untouched'));
    const next = csvOf('dora@sync.test,Dora D,D1,Spring Move', 'eli@sync.test,Eli E,E1,Summer Move');

    const plain = await sync(api, t.admin.accessToken, next, { dryRun: true });
    expect(plain.body).toMatchObject({ removeMissing: false, removals: [], counts: { removed: 0 } });
    const dry = await sync(api, t.admin.accessToken, next, { dryRun: true, removeMissing: true });
    expect(dry.body.removals.map((r) => `${r.email} from ${r.cohortName}`)).toEqual(['eli@sync.test from Spring Move', 'fay@sync.test from Spring Move']);
    expect(dry.body.counts.removed).toBe(2);
    expect(await members('Spring Move')).toEqual(['dora@sync.test', 'eli@sync.test', 'fay@sync.test']);

    const real = await sync(api, t.admin.accessToken, next, { removeMissing: true });
    expect(real.status).toBe(200);
    expect(real.body.counts).toMatchObject({ added: 0, updated: 1, unchanged: 1, removed: 2 });
    expect(await members('Spring Move')).toEqual(['dora@sync.test']);
    expect(await members('Summer Move')).toEqual(['eli@sync.test']);
    // Only the file's cohorts are touched, and the people stay.
    expect(await members('Untouched')).toEqual(['fay@sync.test']);
    expect(await person('fay@sync.test')).toEqual({ name: 'Fay F', student_id: 'F1' });
  });

  it('the dry run refuses exactly what the import refuses, by line and column, and the import then writes nothing', async () => {
    await api.request('POST', '/cohorts', { token: t.admin.accessToken, body: { name: 'Parity Archived' } }).then((made) =>
      api.request('PATCH', `/cohorts/${made.body.id}`, { token: t.admin.accessToken, body: { archived: true } }),
    );
    await sync(api, t.admin.accessToken, csvOf('holder@sync.test,Id Holder,HOLD-1,Parity Base'));
    const emoji = '🙂'.repeat(150); // 150 characters to the database (300 UTF-16 units): accepted by both
    const csv = csvOf(
      'fine@sync.test,Fine Person,P1,Parity Base',
      `long@sync.test,Long Cohort,P2,${'c'.repeat(201)}`,
      `${t.advisor.email},Avi Advisor,,Parity Base`,
      'dup@sync.test,Dup Person,P3,Parity Base',
      'dup@sync.test,Dup Person,P3,parity base',
      'twin@sync.test,Twin One,P4,Parity Base',
      'twin@sync.test,Twin Two,P4,Other Parity',
      'first@sync.test,First,SHARED,Parity Base',
      'second@sync.test,Second,SHARED,Parity Base',
      'thief@sync.test,Thief,HOLD-1,Parity Base',
      'late@sync.test,Late,P5,Parity Archived',
      `emoji@sync.test,${emoji},P6,Parity Base`,
      `x@sync.test,${'n'.repeat(201)},${'s'.repeat(65)},Parity Base`,
    );
    const dry = await sync(api, t.admin.accessToken, csv, { dryRun: true });
    expect(dry.status).toBe(200);
    const real = await sync(api, t.admin.accessToken, csv);
    expect(real.status).toBe(400);
    expect(real.body.message).toMatch(/nothing was imported/);
    expect(real.body.report?.errors).toEqual(dry.body.errors);
    const problems = Object.fromEntries(dry.body.errors.map((e) => [e.line, e.problems.join('; ')]));
    expect(Object.keys(problems).map(Number)).toEqual([3, 4, 6, 8, 10, 11, 12, 14]);
    expect(problems[3]).toBe('cohort name is longer than 200 characters (201)');
    expect(problems[4]).toMatch(/email already has an account as advisor/);
    expect(problems[6]).toBe('duplicate in file (same person and cohort as line 5)');
    expect(problems[8]).toBe('name differs from line 7 for the same email ("Twin One")');
    expect(problems[10]).toBe('student_id "SHARED" is also on line 9 for another email');
    expect(problems[11]).toBe('student_id belongs to another person in this career center');
    expect(problems[12]).toMatch(/cohort "Parity Archived" is archived/);
    expect(problems[14]).toBe('name is longer than 200 characters (201); student_id is longer than 64 characters');
    expect(byLine(dry.body.outcomes)[13]).toMatchObject({ result: 'added' });
    expect(dry.body.counts.error).toBe(8);
    expect(real.body.report?.outcomes).toEqual(dry.body.outcomes);
    for (const email of ['fine@sync.test', 'long@sync.test', 'first@sync.test', 'emoji@sync.test']) expect(await person(email)).toBeUndefined();
    expect(await members('Parity Base')).toEqual(['holder@sync.test']);

    // Without the bad rows the same file imports, the 150-emoji name included.
    const good = csvOf('fine@sync.test,Fine Person,P1,Parity Base', `emoji@sync.test,${emoji},P6,Parity Base`);
    expect((await sync(api, t.admin.accessToken, good, { dryRun: true })).body.ok).toBe(true);
    expect((await sync(api, t.admin.accessToken, good)).status).toBe(200);
    expect((await person('emoji@sync.test'))?.name).toBe(emoji);
  });

  it('keeps every import in the history: who, when, dry run or applied, counts, and the problems of a refused file', async () => {
    await sync(api, t.admin.accessToken, 'email,name\nno@cohort.test,No Cohort\n');
    await sync(api, t.admin.accessToken, csvOf('bad-email,Bad Email,,History'), { dryRun: true });
    const history = await api.request('GET', '/rosters/imports?limit=3', { token: t.admin.accessToken });
    expect(history.status).toBe(200);
    const [badRow, header, earlier] = history.body.items;
    expect(header).toMatchObject({ by: { kind: 'user', id: t.admin.userId, name: 'Ada Admin' }, dryRun: false, ok: false, rows: 0 });
    expect(header.errorSummary).toMatch(/header is missing student_id, cohort/);
    expect(badRow).toMatchObject({ dryRun: true, ok: false, rows: 1, counts: { error: 1 }, errorSummary: 'line 2: bad email "bad-email"' });
    expect(earlier).toMatchObject({ dryRun: false, ok: true, rows: 2, counts: { added: 2, updated: 0, unchanged: 0, error: 0, removed: 0 }, errorSummary: null });
    expect(Date.parse(header.occurredAt)).toBeGreaterThan(Date.now() - 60_000);

    expect((await api.request('GET', '/rosters/imports', { token: t.advisor.accessToken })).status).toBe(403);
    expect((await api.request('GET', '/rosters/imports?limit=0', { token: t.admin.accessToken })).status).toBe(400);
  });

  it('stays inside its career center: another one’s people, cohorts and history are untouched and unseen', async () => {
    const other = await api.tenantWithPeople();
    // The same e-mail and cohort name in the other career center: a new person and a new cohort there.
    const reply = await sync(api, other.admin.accessToken, csvOf('ana@sync.test,Ana Elsewhere,A1,Sync Fall'));
    expect(reply.body).toMatchObject({ ok: true, counts: { added: 1 }, created: { students: 1, cohorts: 1, memberships: 1 } });
    expect(await person('ana@sync.test')).toEqual({ name: 'Ana Alves', student_id: 'A1' });
    expect(await members('Sync Fall')).toContain('ana@sync.test');
    const theirs = await api.request('GET', '/rosters/imports', { token: other.admin.accessToken });
    expect(theirs.body.items).toHaveLength(1);
    // A cohort id of this career center is unknown there.
    const mine = (await api.request('GET', '/cohorts?limit=200', { token: t.admin.accessToken })).body.items[0];
    const foreign = await sync(api, other.admin.accessToken, csvOf(`z@sync.test,Zed,,${mine.id}`), { dryRun: true });
    expect(foreign.body.errors[0].problems).toEqual(['cohort: unknown cohort (no cohort has this id)']);
  });

  it('syncs 5,000 rows in a few seconds (set-based), removeMissing included', async () => {
    const rows = (suffix: string) => Array.from({ length: 5000 }, (_, i) => `bulk${i}@sync.test,Bulk Person ${i}${i % 2 ? suffix : ''},BULK-${i},Bulk ${i % 10}`);
    let started = Date.now();
    const first = await sync(api, t.admin.accessToken, csvOf(...rows('')));
    const firstMs = Date.now() - started;
    expect(first.body.counts).toMatchObject({ added: 5000, error: 0 });
    started = Date.now();
    const second = await sync(api, t.admin.accessToken, csvOf(...rows(' Jr')), { removeMissing: true });
    const secondMs = Date.now() - started;
    expect(second.body.counts).toEqual({ added: 0, updated: 2500, unchanged: 2500, error: 0, removed: 0 });
    console.log(`5,000-row roster: first import ${firstMs} ms, re-sync ${secondMs} ms`);
    // Generous bounds (the machine running the tests may be shared: ~7 s and ~5 s at a load of 20 on 2 cores);
    // per-row round trips, or a join planned as 5,000 × 5,000 comparisons, take far longer.
    expect(firstMs).toBeLessThan(30_000);
    expect(secondMs).toBeLessThan(30_000);
  }, 180_000);
});
