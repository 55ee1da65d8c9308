export * from './lib/tenants.module';
export * from './lib/tenants.service';
