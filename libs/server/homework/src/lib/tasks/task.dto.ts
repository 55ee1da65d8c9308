import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsObject, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { EVIDENCE_MAX_LENGTH, TASK_STATUSES, type Answers, type ExcuseTaskRequest, type SaveDraftRequest, type TaskFilter } from '@fieldwork/contracts';

export const TASK_FILTERS = [...TASK_STATUSES, 'open', 'due_soon', 'overdue'] as const;

export class TaskListQueryDto {
  @ApiPropertyOptional({ enum: TASK_FILTERS })
  @IsOptional()
  @IsIn(TASK_FILTERS, { message: `status must be one of: ${TASK_FILTERS.join(', ')}` })
  status?: TaskFilter;
  @ApiPropertyOptional() @IsOptional() @IsUUID('all', { message: 'cohortId must be a cohort id' }) cohortId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID('all', { message: 'studentId must be a user id' }) studentId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID('all', { message: 'assignmentId must be an assignment id' }) assignmentId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) cursor?: string;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
}

export class ReflectionDto implements SaveDraftRequest {
  @ApiProperty({ description: 'Prompt key → answer' }) @IsObject({ message: 'answers must be an object of prompt key → answer' }) answers!: Answers;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsUUID('all', { message: 'contactId must be a contact id' }) contactId?: string | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() @MaxLength(EVIDENCE_MAX_LENGTH.text, { message: `evidence must be at most ${EVIDENCE_MAX_LENGTH.text} characters` }) evidence?: string | null;
}

export class ExcuseTaskDto implements ExcuseTaskRequest {
  @ApiProperty()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @IsNotEmpty({ message: 'reason must not be empty' })
  @MaxLength(1_000)
  reason!: string;
}
