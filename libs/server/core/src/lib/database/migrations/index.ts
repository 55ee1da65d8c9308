import { Foundation1764100000000 } from './1764100000000-foundation';

/** Every migration, in order. A new database is migrated at start. */
export const MIGRATIONS = [Foundation1764100000000];
