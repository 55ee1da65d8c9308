import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { OptionalNotNull } from '@fieldwork/server-core';
import { DELETION_REASON_MAX_LENGTH, type CreateDeletionRequest } from '@fieldwork/contracts';

export class CreateDeletionRequestDto implements CreateDeletionRequest {
  @ApiPropertyOptional({ maxLength: DELETION_REASON_MAX_LENGTH, description: 'Why (shown to the administrators; erased with the account)' })
  @OptionalNotNull()
  @IsString({ message: 'reason must be text' })
  @MaxLength(DELETION_REASON_MAX_LENGTH, { message: `reason must be at most ${DELETION_REASON_MAX_LENGTH} characters` })
  reason?: string;
}
