import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsDateString, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import type { CreateAssignmentRequest, UpdateAssignmentRequest } from '@fieldwork/contracts';

export class CreateAssignmentDto implements CreateAssignmentRequest {
  @ApiProperty() @IsUUID('all', { message: 'templateId must be a template id' }) templateId!: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID('all', { message: 'cohortId must be a cohort id' }) cohortId?: string;
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(5000)
  @IsUUID('all', { each: true, message: 'studentIds must be user ids' })
  studentIds?: string[];
  @ApiProperty({ example: '2026-12-01T09:00:00Z' }) @IsDateString({}, { message: 'opensAt must be an ISO date-time' }) opensAt!: string;
  @ApiPropertyOptional() @IsOptional() @IsDateString({}, { message: 'dueAt must be an ISO date-time' }) dueAt?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 365 }) @IsOptional() @IsInt() @Min(1) @Max(365) dueDaysAfterJoin?: number;
}

export class UpdateAssignmentDto implements UpdateAssignmentRequest {
  @ApiPropertyOptional() @IsOptional() @IsDateString({}, { message: 'opensAt must be an ISO date-time' }) opensAt?: string;
  @ApiPropertyOptional() @IsOptional() @IsDateString({}, { message: 'dueAt must be an ISO date-time' }) dueAt?: string;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) @Max(365) dueDaysAfterJoin?: number;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() archived?: boolean;
}
