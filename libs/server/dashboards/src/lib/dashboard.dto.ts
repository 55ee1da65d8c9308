import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsObject, IsOptional, IsUUID, Matches, Max, Min, ValidateNested } from 'class-validator';
import { IsTimeZone, OptionalNotNull } from '@fieldwork/server-core';
import { RETENTION_MONTHS, type DashboardQuery, type RetentionPolicy, type TenantSettings } from '@fieldwork/contracts';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The due-date range of a dashboard, in local days of the career center. */
export class CohortDashboardQueryDto implements DashboardQuery {
  @ApiPropertyOptional({ example: '2026-09-01', description: 'First day (inclusive) of the due dates counted, in the career center’s time zone' })
  @IsOptional()
  @Matches(ISO_DATE, { message: 'from must be an ISO date (YYYY-MM-DD)' })
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-20', description: 'Last day (inclusive)' })
  @IsOptional()
  @Matches(ISO_DATE, { message: 'to must be an ISO date (YYYY-MM-DD)' })
  to?: string;
}

/** The overview's range, and optionally one cohort. */
export class DashboardQueryDto extends CohortDashboardQueryDto {
  @ApiPropertyOptional({ description: 'Overview only: one cohort' })
  @IsOptional()
  @IsUUID('all', { message: 'cohortId must be a cohort id' })
  cohortId?: string;
}

/** An optional retention period of `retention.<field>`, in whole months within RETENTION_MONTHS. */
function RetentionMonths(field: keyof RetentionPolicy, description: string): PropertyDecorator {
  const name = `retention.${field}`;
  return applyDecorators(
    ApiPropertyOptional({ minimum: RETENTION_MONTHS.min, maximum: RETENTION_MONTHS.max, description }),
    OptionalNotNull(),
    IsInt({ message: `${name} must be a whole number of months` }),
    Min(RETENTION_MONTHS.min, { message: `${name} must be at least ${RETENTION_MONTHS.min} month` }),
    Max(RETENTION_MONTHS.max, { message: `${name} must be at most ${RETENTION_MONTHS.max} months` }),
  );
}

/** A change of the retention periods (months, 1–240): any of the three. */
export class RetentionPolicyChangeDto implements Partial<RetentionPolicy> {
  @RetentionMonths('reflectionsMonths', 'Months after a cohort ends that its reflections and its students’ contacts are kept')
  reflectionsMonths?: number;

  @RetentionMonths('accountsMonths', 'Months after a student’s last cohort ends that an inactive account is kept')
  accountsMonths?: number;

  @RetentionMonths('auditMonths', 'Months an audit event is kept')
  auditMonths?: number;
}

/** A change of the career center's settings: any of them. */
export class TenantSettingsDto implements Partial<Omit<TenantSettings, 'retention'>> {
  @ApiPropertyOptional({ minimum: 1, maximum: 365, description: 'No activity in this many days makes a student at risk' })
  @OptionalNotNull()
  @Type(() => Number)
  @IsInt({ message: 'atRiskInactiveDays must be a whole number of days' })
  @Min(1, { message: 'atRiskInactiveDays must be at least 1' })
  @Max(365, { message: 'atRiskInactiveDays must be at most 365' })
  atRiskInactiveDays?: number;

  @ApiPropertyOptional({ example: 'America/New_York', description: 'IANA time zone; open tasks keep their local due day and time' })
  @OptionalNotNull()
  @IsTimeZone()
  timezone?: string;

  @ApiPropertyOptional({ type: () => RetentionPolicyChangeDto, description: 'How long data is kept, in months; any of the three' })
  @OptionalNotNull()
  @IsObject({ message: 'retention must be an object of months' })
  @ValidateNested()
  @Type(() => RetentionPolicyChangeDto)
  retention?: RetentionPolicyChangeDto;
}
