export * from './lib/api';
export * from './lib/api-error';
export * from './lib/roles';
export * from './lib/auth.service';
export * from './lib/tenant-time';
export * from './lib/save-file';
export * from './lib/zoned-time';
export * from './lib/auth.interceptor';
export * from './lib/auth.guards';
export * from './lib/routes';
export * from './lib/people.service';
export * from './lib/tenants.service';
export * from './lib/tenant-settings.service';
export * from './lib/student';
export * from './lib/staff';
export * from './lib/notifications';
export * from './lib/admin';
export * from './lib/privacy/data-export.service';
export * from './lib/privacy/erasure.service';
export * from './lib/privacy/retention.service';
export * from './lib/privacy/offboarding.service';
export * from './lib/sso/sso.service';
// ↑ sso web services (issue 10): add yours above this line
export * from './lib/passwords-mfa/two-step.service';
// ↑ passwords-mfa web services (issue 10): add yours above this line
export * from './lib/roster-sync/api-tokens.service';
// ↑ roster-sync web services (issue 10): add yours above this line
// ↑ scale web services (issue 12): add yours above this line
