import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsObject, IsString, MaxLength } from 'class-validator';
import { OptionalNotNull } from '@fieldwork/server-core';
import type { ReviewRequest } from '@fieldwork/contracts';

export class ReviewDto implements ReviewRequest {
  @ApiProperty({ enum: ['approve', 'revise'] }) @IsIn(['approve', 'revise'], { message: 'decision must be approve or revise' }) decision!: 'approve' | 'revise';
  @ApiPropertyOptional()
  @OptionalNotNull()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MaxLength(10_000)
  comment?: string;
  @ApiPropertyOptional({ description: 'Criterion key → points of the chosen level' })
  @OptionalNotNull()
  @IsObject({ message: 'rubricScores must be an object of criterion key → points' })
  rubricScores?: Record<string, number>;
}
