export * from './lib/homework.module';
export * from './lib/templates/template-library';
export { giveLiveAssignments } from './lib/assignments/assignments.queries';
export { OPEN_STATUSES } from './lib/tasks/tasks.queries';
