export * from './lib/actions';
export * from './lib/routes';
export * from './lib/access';
export * from './lib/task-page';
