export * from './lib/cohorts.module';
