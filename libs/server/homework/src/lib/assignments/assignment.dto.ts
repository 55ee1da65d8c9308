import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsDateString, IsInt, IsUUID, Max, Min } from 'class-validator';
import type { CreateAssignmentRequest, UpdateAssignmentRequest } from '@fieldwork/contracts';
import { OptionalNotNull } from '@fieldwork/server-core';
import { IsLocalDay } from '../dates/local-dates';

/** When homework opens and is due: each a local day of the career center or an instant; or due N days after joining. */
class AssignmentDatesDto {
  @ApiPropertyOptional({ example: '2026-12-01', description: 'The day it opens (its start, in the career center’s time zone); default now' })
  @OptionalNotNull()
  @IsLocalDay()
  opensOn?: string;
  @ApiPropertyOptional({ example: '2026-12-01T09:00:00Z' }) @OptionalNotNull() @IsDateString({}, { message: 'opensAt must be an ISO date-time' }) opensAt?: string;
  @ApiPropertyOptional({ example: '2026-12-10', description: 'The due day: due at 23:59:59 that day in the career center’s time zone' })
  @OptionalNotNull()
  @IsLocalDay()
  dueOn?: string;
  @ApiPropertyOptional() @OptionalNotNull() @IsDateString({}, { message: 'dueAt must be an ISO date-time' }) dueAt?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 365 }) @OptionalNotNull() @IsInt() @Min(1) @Max(365) dueDaysAfterJoin?: number;
}

export class CreateAssignmentDto extends AssignmentDatesDto implements CreateAssignmentRequest {
  @ApiProperty() @IsUUID('all', { message: 'templateId must be a template id' }) templateId!: string;
  @ApiPropertyOptional() @OptionalNotNull() @IsUUID('all', { message: 'cohortId must be a cohort id' }) cohortId?: string;
  @ApiPropertyOptional({ type: [String] })
  @OptionalNotNull()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(5000)
  @IsUUID('all', { each: true, message: 'studentIds must be user ids' })
  studentIds?: string[];
  @ApiPropertyOptional({ description: 'Assign even though this template is already live in the cohort' })
  @OptionalNotNull()
  @IsBoolean()
  allowDuplicate?: boolean;
}

export class UpdateAssignmentDto extends AssignmentDatesDto implements UpdateAssignmentRequest {
  @ApiPropertyOptional() @OptionalNotNull() @IsBoolean() archived?: boolean;
}
