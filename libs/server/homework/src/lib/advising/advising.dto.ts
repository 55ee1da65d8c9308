import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsDateString, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import {
  EXTENSION_REASON_MAX,
  GRADEBOOK_MAX_LIMIT,
  GRADEBOOK_STATUSES,
  NUDGE_MESSAGE_MAX,
  type BulkExcuseRequest,
  type BulkExtensionRequest,
  type ExtensionRequest,
  type GradebookQuery,
  type GradebookStatus,
  type NudgeRequest,
} from '@fieldwork/contracts';
import { OptionalNotNull } from '@fieldwork/server-core';
import { IsLocalDay } from '../dates/local-dates';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const STATUS_MESSAGE = `status must be one of: ${GRADEBOOK_STATUSES.join(', ')}`;

export class GradebookQueryDto implements GradebookQuery {
  @ApiPropertyOptional() @IsOptional() @IsUUID('all', { message: 'assignmentId must be an assignment id' }) assignmentId?: string;
  @ApiPropertyOptional({ enum: GRADEBOOK_STATUSES }) @IsOptional() @IsIn(GRADEBOOK_STATUSES, { message: STATUS_MESSAGE }) status?: GradebookStatus;
  @ApiPropertyOptional({ description: 'Name, e-mail or student id contains' }) @IsOptional() @IsString() @MaxLength(200) q?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(400) cursor?: string;
  @ApiPropertyOptional({ maximum: GRADEBOOK_MAX_LIMIT })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(GRADEBOOK_MAX_LIMIT, { message: `limit must be at most ${GRADEBOOK_MAX_LIMIT}` })
  limit?: number;
}

/** The chosen students, by id (one at least). */
function StudentIds(): PropertyDecorator {
  return applyDecorators(
    IsArray(),
    ArrayMinSize(1, { message: 'studentIds must name at least one student' }),
    ArrayMaxSize(5000),
    IsUUID('all', { each: true, message: 'studentIds must be user ids' }),
  );
}

/** An optional reason for an extension, trimmed. */
function ExtensionReason(): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ maxLength: EXTENSION_REASON_MAX }),
    OptionalNotNull(),
    Transform(trim),
    IsString(),
    MaxLength(EXTENSION_REASON_MAX, { message: `reason must be at most ${EXTENSION_REASON_MAX} characters` }),
  );
}

const AssignmentId = () => IsUUID('all', { message: 'assignmentId must be an assignment id' });
const DueAt = () => applyDecorators(ApiPropertyOptional(), OptionalNotNull(), IsDateString({}, { message: 'dueAt must be an ISO date-time' }));

class StudentChoice {
  @ApiProperty() @AssignmentId() assignmentId!: string;
  @ApiProperty({ type: [String] }) @StudentIds() studentIds!: string[];
}

export class NudgeDto implements NudgeRequest {
  @ApiProperty() @AssignmentId() assignmentId!: string;
  @ApiPropertyOptional({ type: [String] }) @OptionalNotNull() @StudentIds() studentIds?: string[];
  @ApiPropertyOptional({ enum: GRADEBOOK_STATUSES }) @OptionalNotNull() @IsIn(GRADEBOOK_STATUSES, { message: STATUS_MESSAGE }) status?: GradebookStatus;
  @ApiProperty({ maxLength: NUDGE_MESSAGE_MAX })
  @Transform(trim)
  @IsString()
  @IsNotEmpty({ message: 'message must not be empty' })
  @MaxLength(NUDGE_MESSAGE_MAX, { message: `message must be at most ${NUDGE_MESSAGE_MAX} characters` })
  message!: string;
  @ApiPropertyOptional() @OptionalNotNull() @IsBoolean() allowRepeat?: boolean;
}

export class ExtensionDto implements ExtensionRequest {
  @ApiPropertyOptional({ example: '2026-12-12', description: 'The new due day (end of that day in the career center’s zone)' })
  @OptionalNotNull()
  @IsLocalDay()
  dueOn?: string;
  @DueAt() dueAt?: string;
  @ExtensionReason() reason?: string;
}

export class BulkExtensionDto extends StudentChoice implements BulkExtensionRequest {
  @ApiPropertyOptional({ example: '2026-12-12' }) @OptionalNotNull() @IsLocalDay() dueOn?: string;
  @DueAt() dueAt?: string;
  @ExtensionReason() reason?: string;
}

export class BulkExcuseDto extends StudentChoice implements BulkExcuseRequest {
  @ApiProperty()
  @Transform(trim)
  @IsString()
  @IsNotEmpty({ message: 'reason must not be empty' })
  @MaxLength(1_000, { message: 'reason must be at most 1000 characters' })
  reason!: string;
}
