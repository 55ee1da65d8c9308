// Admin-side data access (exports, audit log).
export * from './exports.service';
export * from './audit-log.service';
export * from './export-format';
