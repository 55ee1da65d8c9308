import { Foundation1764100000000 } from './1764100000000-foundation';
import { Homework1764200000000 } from './1764200000000-homework';
import { Notifications1764300000000 } from './1764300000000-notifications';
import { Dashboards1764500000000 } from './1764500000000-dashboards';

/** Every migration, in order. A new database is migrated at start. */
export const MIGRATIONS = [Foundation1764100000000, Homework1764200000000, Notifications1764300000000, Dashboards1764500000000];
