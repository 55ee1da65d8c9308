export * from './lib/roles';
export * from './lib/auth';
export * from './lib/users';
export * from './lib/pagination';
export * from './lib/platform';
export * from './lib/errors';
export * from './lib/health';
export * from './lib/audit';
export * from './lib/jobs';
export * from './lib/cohorts';
export * from './lib/homework';
export * from './lib/network';
export * from './lib/notifications';
export * from './lib/exports';
export * from './lib/dashboards';
export * from './lib/advising';
export * from './lib/privacy-data-export';
// ↑ data-export contracts (issue 13): add yours above this line
export * from './lib/privacy-erasure';
// ↑ erasure contracts (issue 13): add yours above this line
export * from './lib/privacy-retention';
// ↑ retention contracts (issue 13): add yours above this line
export * from './lib/privacy-offboarding';
// ↑ offboarding contracts (issue 13): add yours above this line
