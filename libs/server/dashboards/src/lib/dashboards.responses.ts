import { ApiProperty } from '@nestjs/swagger';
import {
  TASK_STATUSES,
  type AdvisorCaseload,
  type AssignmentStats,
  type AtRiskList,
  type AtRiskStudent,
  type BacklogItem,
  type CohortDashboard,
  type CohortStats,
  type CompletionFunnel,
  type Dashboard,
  type DashboardRange,
  type DashboardScope,
  type NetworkGrowth,
  type ReviewBacklog,
  type SectorCount,
  type StudentProfile,
  type StudentTask,
  type TaskStatus,
  type RetentionPolicy,
  type TenantSettings,
  type WeeklyPoint,
} from '@fieldwork/contracts';

/** Response schemas of the dashboards, the student page and the tenant settings; each class implements its contracts interface. */

const RATE = { type: Number, nullable: true, minimum: 0, maximum: 1 } as const;

export class DashboardRef {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
}

export class DashboardScopeBody implements DashboardScope {
  @ApiProperty({ enum: ['tenant', 'advisor', 'cohort'] }) kind!: 'tenant' | 'advisor' | 'cohort';
  @ApiProperty({ type: [String], format: 'uuid' }) cohortIds!: string[];
}

export class DashboardRangeBody implements DashboardRange {
  @ApiProperty({ type: String, format: 'date', nullable: true }) from!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) to!: string | null;
  @ApiProperty() timezone!: string;
}

export class CompletionFunnelBody implements CompletionFunnel {
  @ApiProperty({ type: 'integer' }) assigned!: number;
  @ApiProperty({ type: 'integer' }) started!: number;
  @ApiProperty({ type: 'integer' }) submitted!: number;
  @ApiProperty({ type: 'integer' }) approved!: number;
  @ApiProperty(RATE) startedRate!: number | null;
  @ApiProperty(RATE) submittedRate!: number | null;
  @ApiProperty(RATE) approvedRate!: number | null;
}

export class CohortStatsBody extends CompletionFunnelBody implements CohortStats {
  @ApiProperty({ format: 'uuid' }) cohortId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: 'integer' }) students!: number;
  @ApiProperty({ type: 'integer' }) overdueNow!: number;
  @ApiProperty({ type: 'integer' }) awaitingReview!: number;
}

export class AssignmentStatsBody implements AssignmentStats {
  @ApiProperty({ format: 'uuid' }) assignmentId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ type: () => DashboardRef, nullable: true }) cohort!: DashboardRef | null;
  @ApiProperty({ format: 'date-time' }) dueFrom!: string;
  @ApiProperty({ format: 'date-time' }) dueTo!: string;
  @ApiProperty({ type: 'integer' }) assigned!: number;
  @ApiProperty({ type: 'integer' }) submitted!: number;
  @ApiProperty({ type: 'integer' }) approved!: number;
  @ApiProperty(RATE) completionRate!: number | null;
  @ApiProperty({ type: 'integer' }) onTime!: number;
  @ApiProperty({ type: 'integer' }) late!: number;
  @ApiProperty({ type: 'integer' }) overdueNow!: number;
  @ApiProperty({ type: 'integer' }) awaitingReview!: number;
  @ApiProperty({ type: 'integer', nullable: true }) medianDaysToSubmit!: number | null;
}

export class AtRiskStudentBody implements AtRiskStudent {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ format: 'date-time' }) lastActivityAt!: string;
  @ApiProperty({ type: 'integer' }) inactiveDays!: number;
  @ApiProperty({ type: 'integer' }) overdueTasks!: number;
  @ApiProperty({ enum: ['inactive', 'overdue'], isArray: true }) reasons!: ('inactive' | 'overdue')[];
}

export class AtRiskListBody implements AtRiskList {
  @ApiProperty({ type: 'integer' }) inactiveDays!: number;
  @ApiProperty({ type: () => [AtRiskStudentBody] }) students!: AtRiskStudentBody[];
  @ApiProperty() more!: boolean;
}

export class AdvisorCaseloadBody implements AdvisorCaseload {
  @ApiProperty({ format: 'uuid' }) advisorId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: 'integer' }) cohorts!: number;
  @ApiProperty({ type: 'integer' }) students!: number;
  @ApiProperty({ type: 'integer' }) awaitingReview!: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) oldestWaitingSince!: string | null;
}

export class BacklogItemBody implements BacklogItem {
  @ApiProperty({ format: 'uuid' }) taskId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ type: () => DashboardRef }) student!: DashboardRef;
  @ApiProperty({ type: () => DashboardRef, nullable: true }) cohort!: DashboardRef | null;
  @ApiProperty({ format: 'date-time' }) submittedAt!: string;
}

export class ReviewBacklogBody implements ReviewBacklog {
  @ApiProperty({ type: 'integer' }) waiting!: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) oldestWaitingSince!: string | null;
  @ApiProperty({ type: () => [BacklogItemBody] }) oldest!: BacklogItemBody[];
}

export class SectorCountBody implements SectorCount {
  @ApiProperty({ description: 'The sector as students typed it; "" when they gave none' }) sector!: string;
  @ApiProperty({ type: 'integer' }) contacts!: number;
}

export class NetworkGrowthBody implements NetworkGrowth {
  @ApiProperty({ type: 'integer' }) students!: number;
  @ApiProperty({ type: 'integer' }) contacts!: number;
  @ApiProperty({ type: 'integer' }) conversations!: number;
  @ApiProperty({ type: 'integer' }) introductions!: number;
  @ApiProperty({ type: Number, nullable: true }) contactsPerStudent!: number | null;
  @ApiProperty({ type: Number, nullable: true }) conversationsPerStudent!: number | null;
  @ApiProperty({ type: Number, nullable: true }) introductionsPerStudent!: number | null;
  @ApiProperty({ type: () => [SectorCountBody] }) sectors!: SectorCountBody[];
}

export class WeeklyPointBody implements WeeklyPoint {
  @ApiProperty({ format: 'date', description: 'The Monday of the week' }) week!: string;
  @ApiProperty({ type: 'integer' }) submissions!: number;
  @ApiProperty({ type: 'integer' }) approvals!: number;
}

export class DashboardBody implements Dashboard {
  @ApiProperty({ type: () => DashboardScopeBody }) scope!: DashboardScopeBody;
  @ApiProperty({ type: () => DashboardRangeBody }) range!: DashboardRangeBody;
  @ApiProperty({ type: () => CompletionFunnelBody }) funnel!: CompletionFunnelBody;
  @ApiProperty({ type: () => [CohortStatsBody], description: 'Furthest behind first (lowest share submitted, then approved), at most 12' }) cohorts!: CohortStatsBody[];
  @ApiProperty({ type: 'integer', description: 'Cohorts in scope, listed or not' }) cohortsInScope!: number;
  @ApiProperty({ type: () => [AssignmentStatsBody] }) assignments!: AssignmentStatsBody[];
  @ApiProperty({ type: () => AtRiskListBody }) atRisk!: AtRiskListBody;
  @ApiProperty({ type: () => [AdvisorCaseloadBody], description: 'Most submissions waiting first, at most 12' }) caseload!: AdvisorCaseloadBody[];
  @ApiProperty({ type: 'integer', description: 'Advisors of the cohorts in scope, listed or not' }) advisorsInScope!: number;
  @ApiProperty({ type: () => ReviewBacklogBody }) backlog!: ReviewBacklogBody;
  @ApiProperty({ type: () => NetworkGrowthBody }) network!: NetworkGrowthBody;
  @ApiProperty({ type: () => [WeeklyPointBody] }) weekly!: WeeklyPointBody[];
  @ApiProperty({ format: 'date-time' }) generatedAt!: string;
}

export class CohortDashboardBody extends DashboardBody implements CohortDashboard {
  @ApiProperty({ type: () => DashboardRef }) cohort!: DashboardRef;
}

export class StudentCohortBody {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ format: 'date-time' }) joinedAt!: string;
}

export class StudentTaskBody implements StudentTask {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: TASK_STATUSES }) status!: TaskStatus;
  @ApiProperty({ type: () => DashboardRef, nullable: true }) cohort!: DashboardRef | null;
  @ApiProperty({ format: 'date-time' }) dueAt!: string;
  @ApiProperty() overdue!: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) submittedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) approvedAt!: string | null;
  @ApiProperty() archived!: boolean;
}

export class StudentNetworkBody {
  @ApiProperty({ type: 'integer' }) contacts!: number;
  @ApiProperty({ type: 'integer' }) sharedContacts!: number;
  @ApiProperty({ type: 'integer' }) conversations!: number;
  @ApiProperty({ type: 'integer' }) introductions!: number;
}

export class StudentProfileBody implements StudentProfile {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ type: String, nullable: true }) studentId!: string | null;
  @ApiProperty() active!: boolean;
  @ApiProperty({ type: () => [StudentCohortBody] }) cohorts!: StudentCohortBody[];
  @ApiProperty({ type: () => [StudentTaskBody] }) tasks!: StudentTaskBody[];
  @ApiProperty({ type: () => StudentNetworkBody, description: 'Counts only' }) network!: StudentNetworkBody;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastActivityAt!: string | null;
}

/** The retention periods in the settings (issue 13 §3; owned by server-privacy's retention part). */
export class RetentionSettingsBody implements RetentionPolicy {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 240 }) reflectionsMonths!: number;
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 240 }) accountsMonths!: number;
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 240 }) auditMonths!: number;
}

export class TenantSettingsBody implements TenantSettings {
  @ApiProperty({ type: 'integer' }) atRiskInactiveDays!: number;
  @ApiProperty({ description: 'The career center’s IANA time zone' }) timezone!: string;
  @ApiProperty({ type: () => RetentionSettingsBody, description: 'How long data is kept, in months' }) retention!: RetentionSettingsBody;
}
