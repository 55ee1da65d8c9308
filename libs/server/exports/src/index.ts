export * from './lib/exports.module';
export * from './lib/export-jobs';
export * from './lib/export-kinds';
export { cursorBatches } from './lib/exports.queries';
export * from './lib/csv-safety';
export * from './lib/zoned-time';
