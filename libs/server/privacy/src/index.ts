export * from './lib/privacy.module';
export { eraseUsers } from './lib/erasure/erase-users';
export { RetentionJobs } from './lib/retention/retention-jobs';
export { RetentionRunner } from './lib/retention/retention-runner';
export { countDue } from './lib/retention/retention.queries';
export { RETENTION_SCHEDULE } from './lib/retention/retention-schedule';
