export * from './lib/server-cohorts.module';

