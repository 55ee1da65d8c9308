import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsUUID } from 'class-validator';
import { OptionalNotNull } from '@fieldwork/server-core';
import { EXPORT_KINDS, type CreateExportRequest, type ExportKind } from '@fieldwork/contracts';

export class CreateExportDto implements CreateExportRequest {
  @ApiProperty({ enum: EXPORT_KINDS })
  @IsIn(EXPORT_KINDS, { message: ({ value }) => `kind ${JSON.stringify(value ?? null)} is not one of: ${EXPORT_KINDS.join(', ')}` })
  kind!: ExportKind;

  @ApiPropertyOptional({ description: 'Required for advisors; admins may leave it out to export the whole career center' })
  @OptionalNotNull()
  @IsUUID('all', { message: 'cohortId must be a cohort id' })
  cohortId?: string;
}
