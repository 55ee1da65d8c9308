import { ApiProperty } from '@nestjs/swagger';
import { RETENTION_MONTHS, type PrivacyPolicy, type RetentionCounts, type RetentionPolicy, type RetentionPreview } from '@fieldwork/contracts';

/** Response schemas of retention and the privacy page; each class implements its contracts interface. */

export class RetentionPolicyBody implements RetentionPolicy {
  @ApiProperty({ type: 'integer', minimum: RETENTION_MONTHS.min, maximum: RETENTION_MONTHS.max, description: 'Months after a cohort ends that its reflections and its students’ contacts are kept' })
  reflectionsMonths!: number;
  @ApiProperty({ type: 'integer', minimum: RETENTION_MONTHS.min, maximum: RETENTION_MONTHS.max, description: 'Months after a student’s last cohort ends that an inactive account is kept' })
  accountsMonths!: number;
  @ApiProperty({ type: 'integer', minimum: RETENTION_MONTHS.min, maximum: RETENTION_MONTHS.max, description: 'Months an audit event is kept' })
  auditMonths!: number;
}

export class RetentionCountsBody implements RetentionCounts {
  @ApiProperty({ type: 'integer', minimum: 0 }) accounts!: number;
  @ApiProperty({ type: 'integer', minimum: 0 }) reflections!: number;
  @ApiProperty({ type: 'integer', minimum: 0 }) contacts!: number;
  @ApiProperty({ type: 'integer', minimum: 0 }) interactions!: number;
  @ApiProperty({ type: 'integer', minimum: 0 }) auditEvents!: number;
}

export class RetentionPreviewBody implements RetentionPreview {
  @ApiProperty({ type: () => RetentionPolicyBody }) policy!: RetentionPolicyBody;
  @ApiProperty({ format: 'date-time' }) nextRunAt!: string;
  @ApiProperty({ type: () => RetentionCountsBody, description: 'What the next run would delete if nothing changes before it' }) nextRun!: RetentionCountsBody;
  @ApiProperty({ format: 'date-time' }) inThirtyDaysAt!: string;
  @ApiProperty({ type: () => RetentionCountsBody, description: 'Everything due 30 days after the next run (including the next run’s part)' })
  inThirtyDays!: RetentionCountsBody;
}

export class PrivacyPolicyBody implements PrivacyPolicy {
  @ApiProperty() careerCenter!: string;
  @ApiProperty() slug!: string;
  @ApiProperty({ description: 'The career center’s IANA time zone' }) timezone!: string;
  @ApiProperty({ type: () => RetentionPolicyBody }) retention!: RetentionPolicyBody;
}
