export * from './lib/homework.module';
export * from './lib/templates/template-library';
export * from './lib/assignments/task-fanout';
export { OPEN_STATUSES } from './lib/tasks/task-queries';
