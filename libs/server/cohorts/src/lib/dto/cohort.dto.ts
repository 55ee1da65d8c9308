import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsISO8601, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { OptionalNotNull, SingleLine } from '@fieldwork/server-core';
import type { AddCohortMembersRequest, CohortMemberRole, CreateCohortRequest, UpdateCohortRequest } from '@fieldwork/contracts';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const DATE_ONLY = { strict: true, strictSeparator: true };

export class CreateCohortDto implements CreateCohortRequest {
  @ApiProperty({ example: 'Spring 2027 — Public Service' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty({ message: 'name must not be empty' })
  @MaxLength(200)
  @SingleLine()
  name!: string;
  @ApiPropertyOptional({ example: '2027-01-15' }) @IsOptional() @IsISO8601(DATE_ONLY, { message: 'startsOn must be a date (YYYY-MM-DD)' }) startsOn?: string | null;
  @ApiPropertyOptional({ example: '2027-05-15' }) @IsOptional() @IsISO8601(DATE_ONLY, { message: 'endsOn must be a date (YYYY-MM-DD)' }) endsOn?: string | null;
}

export class UpdateCohortDto implements UpdateCohortRequest {
  @ApiPropertyOptional() @OptionalNotNull() @Transform(trim) @IsString() @IsNotEmpty({ message: 'name must not be empty' }) @MaxLength(200) @SingleLine() name?: string;
  @ApiPropertyOptional() @IsOptional() @IsISO8601(DATE_ONLY, { message: 'startsOn must be a date (YYYY-MM-DD)' }) startsOn?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsISO8601(DATE_ONLY, { message: 'endsOn must be a date (YYYY-MM-DD)' }) endsOn?: string | null;
  @ApiPropertyOptional() @OptionalNotNull() @IsBoolean() archived?: boolean;
}

export class AddMembersDto implements AddCohortMembersRequest {
  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMinSize(1, { message: 'userIds must name at least one person' })
  @ArrayMaxSize(5_000)
  @IsUUID('all', { each: true, message: 'userIds must be user ids' })
  userIds!: string[];
  @ApiProperty({ enum: ['advisor', 'student'] }) @IsIn(['advisor', 'student'], { message: 'role must be advisor or student' }) role!: CohortMemberRole;
}
