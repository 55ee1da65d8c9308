import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsUUID } from 'class-validator';
import { OptionalDate, OptionalNotNull, RequiredLine } from '@fieldwork/server-core';
import type { AddCohortMembersRequest, CohortMemberRole, CreateCohortRequest, UpdateCohortRequest } from '@fieldwork/contracts';

export class CreateCohortDto implements CreateCohortRequest {
  @ApiProperty({ example: 'Spring 2027 — Public Service' })
  @RequiredLine('name')
  name!: string;
  @ApiPropertyOptional({ example: '2027-01-15' }) @OptionalDate('startsOn') startsOn?: string | null;
  @ApiPropertyOptional({ example: '2027-05-15' }) @OptionalDate('endsOn') endsOn?: string | null;
}

export class UpdateCohortDto implements UpdateCohortRequest {
  @ApiPropertyOptional() @OptionalNotNull() @RequiredLine('name') name?: string;
  @ApiPropertyOptional() @OptionalDate('startsOn') startsOn?: string | null;
  @ApiPropertyOptional() @OptionalDate('endsOn') endsOn?: string | null;
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
