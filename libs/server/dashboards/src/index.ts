export * from './lib/dashboards.module';
export * from './lib/dashboards.service';
export * from './lib/students.service';
