export * from './lib/exports.module';
export * from './lib/export-jobs';
export * from './lib/export-kinds';
export {
  cursorBatches,
  lockExpiredBuilds,
  markBuildAttemptFailed,
  markBuildDone,
  markBuildRunning,
  markBuildsExpired,
  recordBuildProgress,
  type BuiltFileRow,
  type BuiltFileTable,
  type ExpiredBuildRow,
} from './lib/exports.queries';
export { percentOf } from './lib/exports.service';
export * from './lib/built-files';
export * from './lib/csv-safety';
export * from './lib/labelled-lines';
export * from './lib/zoned-time';
