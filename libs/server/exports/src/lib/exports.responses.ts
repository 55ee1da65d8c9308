import { ApiProperty } from '@nestjs/swagger';
import { BuiltFileProgressBody, PageBody } from '@fieldwork/server-core';
import { EXPORT_KINDS, EXPORT_STATUSES, type CreateExportResponse, type ExportKind, type ExportPage, type ExportStatus, type ExportSummary } from '@fieldwork/contracts';

/** Response schemas of the export operations; each class implements its contracts interface. */

export class ExportRefBody {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
}

export class CreateExportBody implements CreateExportResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
}

export class ExportSummaryBody extends BuiltFileProgressBody implements ExportSummary {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: EXPORT_KINDS }) kind!: ExportKind;
  @ApiProperty({ type: () => ExportRefBody, nullable: true }) cohort!: ExportRefBody | null;
  @ApiProperty({ type: () => ExportRefBody }) requestedBy!: ExportRefBody;
  @ApiProperty({ enum: EXPORT_STATUSES }) status!: ExportStatus;
}

export class ExportPageBody extends PageBody(ExportSummaryBody) implements ExportPage {}
