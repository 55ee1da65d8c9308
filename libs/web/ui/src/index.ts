export * from './lib/forms';
export * from './lib/field';
export * from './lib/alert';
export * from './lib/cursor-list';
export * from './lib/confirm-dialog';
export * from './lib/status-badge';
export * from './lib/data-table';
export * from './lib/clipboard';
