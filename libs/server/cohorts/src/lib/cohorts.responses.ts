import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageBody } from '@fieldwork/server-core';
import { ROSTER_ROW_RESULTS } from '@fieldwork/contracts';
import type {
  AddCohortMembersResponse,
  CohortDetail,
  CohortMember,
  CohortMemberRole,
  CohortSummary,
  Page,
  RosterImportHistory,
  RosterImportRecord,
  RosterImportReport,
  RosterRemoval,
  RosterRowError,
  RosterRowOutcome,
  RosterRowResult,
  RosterSyncCounts,
} from '@fieldwork/contracts';

/** Response schemas of the cohort operations; each class implements its contracts interface. */

export class CohortSummaryBody implements CohortSummary {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) startsOn!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) endsOn!: string | null;
  @ApiProperty() archived!: boolean;
  @ApiProperty({ type: 'integer' }) studentCount!: number;
  @ApiProperty({ type: 'integer' }) advisorCount!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class CohortMemberBody implements CohortMember {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ enum: ['advisor', 'student'] }) role!: CohortMemberRole;
  @ApiProperty({ format: 'date-time' }) joinedAt!: string;
  @ApiProperty({ description: 'false while the person has not accepted their invitation' }) activated!: boolean;
}

export class CohortDetailBody extends CohortSummaryBody implements CohortDetail {
  @ApiProperty({ type: () => [CohortMemberBody] }) members!: CohortMemberBody[];
}

export class CohortPageBody extends PageBody(CohortSummaryBody) implements Page<CohortSummary> {}

export class AddCohortMembersBody implements AddCohortMembersResponse {
  @ApiProperty({ type: 'integer' }) added!: number;
  @ApiProperty({ type: 'integer', description: 'Tasks created for new students from the cohort’s live assignments' }) tasksCreated!: number;
}

export class RosterRowErrorBody implements RosterRowError {
  @ApiProperty({ type: 'integer', description: 'CSV line (line 1 is the header)' }) line!: number;
  @ApiPropertyOptional() email?: string;
  @ApiProperty({ type: [String] }) problems!: string[];
}

export class RosterCreatedBody {
  @ApiProperty({ type: 'integer' }) students!: number;
  @ApiProperty({ type: 'integer' }) cohorts!: number;
  @ApiProperty({ type: 'integer' }) memberships!: number;
}

export class RosterSyncCountsBody implements RosterSyncCounts {
  @ApiProperty({ type: 'integer' }) added!: number;
  @ApiProperty({ type: 'integer' }) updated!: number;
  @ApiProperty({ type: 'integer' }) unchanged!: number;
  @ApiProperty({ type: 'integer' }) error!: number;
  @ApiProperty({ type: 'integer', description: 'Memberships removed (or, on a dry run, to remove)' }) removed!: number;
}

export class RosterRowOutcomeBody implements RosterRowOutcome {
  @ApiProperty({ type: 'integer', description: 'CSV line (line 1 is the header)' }) line!: number;
  @ApiProperty() email!: string;
  @ApiProperty({ enum: ROSTER_ROW_RESULTS }) result!: RosterRowResult;
  @ApiProperty({ type: [String], description: 'For updated rows: what changes' }) changes!: string[];
  @ApiProperty({ type: [String], description: 'For error rows: the problems' }) problems!: string[];
}

export class RosterRemovalBody implements RosterRemoval {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ format: 'uuid' }) cohortId!: string;
  @ApiProperty() cohortName!: string;
}

export class RosterImportReportBody implements RosterImportReport {
  @ApiProperty() dryRun!: boolean;
  @ApiProperty({ description: 'true when every row is good (and, unless dryRun, everything was written)' }) ok!: boolean;
  @ApiProperty({ type: 'integer' }) rows!: number;
  @ApiProperty({ type: () => [RosterRowErrorBody] }) errors!: RosterRowErrorBody[];
  @ApiProperty({ type: () => RosterCreatedBody }) created!: RosterCreatedBody;
  @ApiProperty() removeMissing!: boolean;
  @ApiProperty({ type: () => RosterSyncCountsBody }) counts!: RosterSyncCountsBody;
  @ApiProperty({ type: () => [RosterRowOutcomeBody] }) outcomes!: RosterRowOutcomeBody[];
  @ApiProperty({ type: () => [RosterRemovalBody] }) removals!: RosterRemovalBody[];
}

export class RosterImportActorBody {
  @ApiProperty({ enum: ['user', 'api-token'] }) kind!: 'user' | 'api-token';
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
}

export class RosterImportRecordBody implements RosterImportRecord {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;
  @ApiProperty({ type: () => RosterImportActorBody }) by!: RosterImportActorBody;
  @ApiProperty() dryRun!: boolean;
  @ApiProperty() removeMissing!: boolean;
  @ApiProperty() ok!: boolean;
  @ApiProperty({ type: 'integer' }) rows!: number;
  @ApiProperty({ type: () => RosterSyncCountsBody }) counts!: RosterSyncCountsBody;
  @ApiProperty({ type: String, nullable: true }) errorSummary!: string | null;
}

export class RosterImportHistoryBody implements RosterImportHistory {
  @ApiProperty({ type: () => [RosterImportRecordBody] }) items!: RosterImportRecordBody[];
}
