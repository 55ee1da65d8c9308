export * from './lib/api';
export * from './lib/api-error';
export * from './lib/roles';
export * from './lib/auth.service';
export * from './lib/auth.interceptor';
export * from './lib/auth.guards';
export * from './lib/people.service';
export * from './lib/tenants.service';
