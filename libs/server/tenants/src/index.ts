export * from './lib/server-tenants.module';

