// Runs the seed on a database with a progress bar and prints the summary. Used by
// `npm run seed:large` and by `npm run bench:dashboard` (for a missing tenant).
import argon2 from 'argon2';
import cliProgress from 'cli-progress';
import pg from 'pg';
import { loadCurriculum } from './curriculum.mjs';
import { seedTenant } from './seed.mjs';

/** argon2id with the product's parameters (libs/server/core/src/lib/security/passwords.ts), computed once. */
export const hashPassword = (password) => argon2.hash(password, { type: argon2.argon2id, memoryCost: 19 * 1024, timeCost: 2, parallelism: 1 });

export async function seedWithProgress(databaseUrl, options) {
  const password = options.password;
  const curriculum = await loadCurriculum();
  const passwordHash = await hashPassword(password);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const bar = new cliProgress.SingleBar(
    {
      format: ' {bar} {percentage}% | {rows} rows | {duration_formatted} | {phase}',
      hideCursor: true,
      clearOnComplete: false,
      etaBuffer: 12,
      noTTYOutput: true, // progress lines in logs and CI too
      notTTYSchedule: 5000,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  try {
    const result = await seedTenant(client, { ...options, curriculum, passwordHash }, ({ phase, step, steps, rows }) => {
      if (!started) {
        bar.start(steps, 0, { rows: '0', phase });
        started = true;
      }
      bar.update(step, { rows: rows.toLocaleString('en-US'), phase });
    });
    bar.stop();
    return result;
  } catch (error) {
    if (started) bar.stop();
    throw error;
  } finally {
    await client.end();
  }
}

export function printSummary(result, password) {
  const total = Object.values(result.counts).reduce((sum, n) => sum + n, 0);
  console.log(`\nCareer center "${result.logins.tenant}" (${result.tenantId})${result.replaced ? ' — replaced the previous one' : ''}`);
  for (const [table, n] of Object.entries(result.counts)) console.log(`  ${table.padEnd(15)} ${n.toLocaleString('en-US').padStart(10)}`);
  console.log(`  ${'total'.padEnd(15)} ${total.toLocaleString('en-US').padStart(10)}`);
  console.log(`Seeded in ${(result.elapsedMs / 1000).toFixed(1)} s`);
  console.log(`Sign in with career center "${result.logins.tenant}", password "${password}":`);
  console.log(`  admin   ${result.logins.admin}`);
  console.log(`  advisor ${result.logins.advisor} (advisor001…; each advises one cohort, the first few two)`);
  console.log(`  student ${result.logins.student} (student00001…)`);
}
