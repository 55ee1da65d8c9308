export * from './lib/roles';
export * from './lib/auth';
export * from './lib/users';
export * from './lib/pagination';
export * from './lib/ids';
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
export * from './lib/privacy-erasure';
export * from './lib/privacy-retention';
export * from './lib/privacy-offboarding';
export * from './lib/sso';
// ↑ sso contracts (issue 10): add yours above this line
export * from './lib/passwords-mfa';
// ↑ passwords-mfa contracts (issue 10): add yours above this line
export * from './lib/api-tokens';
// ↑ roster-sync contracts (issue 10): add yours above this line
export * from './lib/web-links';
export * from './lib/reflection-rules';
export * from './lib/template-limits';
// ↑ scale contracts (issue 12): add yours above this line
