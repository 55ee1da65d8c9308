import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

/**
 * Faults under load, reduced for CI: `tools/faults/run.mjs` (the full version is
 * `npm run test:faults`, 2,000 students) with FAULTS_STUDENTS (200) students,
 * run as it is — its own PostgreSQL and Redis (stopped and started again), the
 * built API and worker as child processes (SIGKILL), a counting SMTP server —
 * and its figures checked here. It builds the API and worker first (Nx cache).
 */
const root = join(__dirname, '../../..');
const STUDENTS = Number(process.env['FAULTS_STUDENTS'] ?? 200);
/** The sender claims 20 e-mails at a time: at most those were accepted by SMTP and not yet marked when the worker died. */
const CLAIM_BATCH = 20;

interface WorkerFigures {
  tasks: number;
  killedDuringFanOut: boolean;
  notificationsAtKill: number;
  emailRowsAtKill: number;
  claimedButUnsentAtKill: number;
  notifications: number;
  emailRows: number;
  emailRowsSent: number;
  messagesReceived: number;
  distinctMessages: number;
  duplicateMessages: number;
}

interface OutageFigures {
  requests: number;
  statuses: Record<string, number>;
  outageRequests: number;
  outageStatuses: Record<string, number>;
  outageP95Ms: number;
  healthDownBody: { status: string; database: { status: string }; queue: { status: string } } | null;
  recoveryHealthMs: number;
  acknowledgedWrites: number;
  lostWrites: number;
  apiAlive: boolean;
  workerAlive: boolean;
}

interface PostgresFigures extends OutageFigures {
  serverErrorsOtherThan503: number;
  unanswered: number;
  outageMaxMs: number;
  outage503Message: string | null;
  outageRetryAfter: string | null;
  healthDownMs: number | null;
  recoveryFirst2xxMs: number;
  workerDeliversAfterMs: number;
}

interface RedisFigures extends OutageFigures {
  outageNon2xx: number;
  outageWrites2xx: number;
  assignDuringOutageMs: number;
  jobsResumedMs: number;
}

interface FaultsResult {
  ok: boolean;
  error?: string;
  students: number;
  worker: WorkerFigures;
  postgres: PostgresFigures;
  redis: RedisFigures;
}

describe(`faults under load (${STUDENTS} students; npm run test:faults for 2,000)`, () => {
  let result: FaultsResult;
  let output = '';

  beforeAll(async () => {
    const port = await freePort();
    const child = spawn(process.execPath, [join(root, 'tools/faults/run.mjs'), '--students', String(STUDENTS), '--json'], {
      cwd: root,
      env: { ...process.env, FAULTS_PORT: String(port), FAULTS_OUTAGE_MS: '4000' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (chunk) => (output += String(chunk)));
    child.stderr.on('data', (chunk) => (output += String(chunk)));
    await new Promise((done) => child.once('exit', done));
    const line = output.split('\n').find((l) => l.startsWith('FAULTS_RESULT '));
    if (!line) throw new Error(`tools/faults/run.mjs printed no result:\n${output}`);
    result = JSON.parse(line.slice('FAULTS_RESULT '.length));
    process.stdout.write(output.split('\n').filter((l) => l.startsWith('[faults]')).join('\n') + '\n');
  }, 900_000);

  it('ran every scenario', () => {
    expect(result.error ?? null).toBeNull();
    expect(result.ok).toBe(true);
  });

  it('worker SIGKILLed mid fan-out and mid e-mail batch: exactly one notification and one e-mail per student', () => {
    const w = result.worker;
    expect(w.tasks).toBe(STUDENTS);
    // The fan-out is one transaction: killed while it ran, nothing of it was written.
    expect([0, STUDENTS]).toContain(w.notificationsAtKill);
    if (w.killedDuringFanOut) expect(w.notificationsAtKill).toBe(0);
    expect(w.notifications).toBe(STUDENTS);
    expect(w.emailRows).toBe(STUDENTS);
    expect(w.emailRowsSent).toBe(STUDENTS);
    // Every student's message arrived (claimed-but-unsent rows came back after their lease)…
    expect(w.distinctMessages).toBe(STUDENTS);
    // …and a repeat is only a message accepted in the instant before the kill, with the same Message-ID.
    expect(w.duplicateMessages).toBeLessThanOrEqual(CLAIM_BATCH);
    expect(w.messagesReceived).toBe(w.distinctMessages + w.duplicateMessages);
  });

  it('PostgreSQL restarted under load: quick 503s with Retry-After, health down then up, recovery without restarts, no 2xx write lost', () => {
    const p = result.postgres;
    expect(p.serverErrorsOtherThan503).toBe(0);
    expect(p.unanswered).toBe(0);
    expect(p.outageRequests).toBeGreaterThan(0);
    expect(Object.keys(p.outageStatuses)).toEqual(['503']);
    expect(p.outageMaxMs).toBeLessThan(2_000);
    expect(p.outage503Message).toBe('The database is unavailable; try again in a moment');
    expect(p.outageRetryAfter).toBe('5');
    expect(p.healthDownBody).toMatchObject({ status: 'degraded', database: { status: 'down' } });
    expect(p.healthDownMs).toBeLessThan(2_000);
    expect(p.recoveryHealthMs).toBeLessThan(15_000);
    expect(p.recoveryFirst2xxMs).toBeLessThan(15_000);
    expect(p.workerDeliversAfterMs).toBeLessThan(30_000);
    expect(p.acknowledgedWrites).toBeGreaterThan(0);
    expect(p.lostWrites).toBe(0);
    expect(p.apiAlive).toBe(true);
    expect(p.workerAlive).toBe(true);
  });

  it('Redis restarted under load: reads and writes keep answering 2xx, queued work runs once Redis is back', () => {
    const r = result.redis;
    expect(r.outageRequests).toBeGreaterThan(0);
    expect(r.outageNon2xx).toBe(0);
    expect(r.outageWrites2xx).toBeGreaterThan(0);
    expect(r.statuses['500'] ?? 0).toBe(0);
    expect(r.healthDownBody).toMatchObject({ status: 'degraded', database: { status: 'up' }, queue: { status: 'down' } });
    expect(r.jobsResumedMs).toBeLessThan(30_000);
    expect(r.lostWrites).toBe(0);
    expect(r.apiAlive).toBe(true);
    expect(r.workerAlive).toBe(true);
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
