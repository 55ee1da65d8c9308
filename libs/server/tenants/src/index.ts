export * from './lib/tenants.module';
export * from './lib/tenants.service';
export * from './lib/tenants.responses';
