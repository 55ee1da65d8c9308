export * from './lib/audit-log.module';
