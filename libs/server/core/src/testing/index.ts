export * from './test-database';
export * from './test-module';
export * from './fixtures';
export * from './files';
export * from './scene';
