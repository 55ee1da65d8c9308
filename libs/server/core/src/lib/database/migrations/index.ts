import { Foundation1764100000000 } from './1764100000000-foundation';
import { Homework1764200000000 } from './1764200000000-homework';
import { Notifications1764300000000 } from './1764300000000-notifications';
import { Deliveries1764400000000 } from './1764400000000-deliveries';
import { Dashboards1764500000000 } from './1764500000000-dashboards';
import { Exports1764600000000 } from './1764600000000-exports';
import { AdvisorLoop1764700000000 } from './1764700000000-advisor-loop';
import { CalendarTokenHash1764800000000 } from './1764800000000-calendar-token-hash';
import { DataExports1764900000000 } from './1764900000000-data-exports';
import { DeletionRequests1765000000000 } from './1765000000000-deletion-requests';
import { Retention1765100000000 } from './1765100000000-retention';
import { Offboarding1765200000000 } from './1765200000000-offboarding';
import { Sso1765300000000 } from './1765300000000-sso';
// ↑ sso migration imports (issue 10): add yours above this line
import { PasswordsMfa1765400000000 } from './1765400000000-passwords-mfa';
// ↑ passwords-mfa migration imports (issue 10): add yours above this line
import { RosterSync1765500000000 } from './1765500000000-roster-sync';
// ↑ roster-sync migration imports (issue 10): add yours above this line
import { Scale1765600000000 } from './1765600000000-scale';
// ↑ scale migration imports (issue 12): add yours above this line
import { ListIndexes1765700000000 } from './1765700000000-list-indexes';
import { LiveAssignments1765800000000 } from './1765800000000-live-assignments';
import { LinearTriggers1765900000000 } from './1765900000000-linear-triggers';
import { LiveRollups1766000000000 } from './1766000000000-live-rollups';
import { TenantPlans1766100000000 } from './1766100000000-tenant-plans';
import { RelativeTenantPlans1766200000000 } from './1766200000000-relative-tenant-plans';

/** Every migration, in order. A new database is migrated at start. */
export const MIGRATIONS = [
  Foundation1764100000000,
  Homework1764200000000,
  Notifications1764300000000,
  Deliveries1764400000000,
  Dashboards1764500000000,
  Exports1764600000000,
  AdvisorLoop1764700000000,
  CalendarTokenHash1764800000000,
  DataExports1764900000000,
  DeletionRequests1765000000000,
  Retention1765100000000,
  Offboarding1765200000000,
  Sso1765300000000,
  // ↑ sso migrations (issue 10): add yours above this line
  PasswordsMfa1765400000000,
  // ↑ passwords-mfa migrations (issue 10): add yours above this line
  RosterSync1765500000000,
  // ↑ roster-sync migrations (issue 10): add yours above this line
  Scale1765600000000,
  // ↑ scale migrations (issue 12): add yours above this line
  ListIndexes1765700000000,
  LiveAssignments1765800000000,
  LinearTriggers1765900000000,
  LiveRollups1766000000000,
  TenantPlans1766100000000,
  RelativeTenantPlans1766200000000,
];
