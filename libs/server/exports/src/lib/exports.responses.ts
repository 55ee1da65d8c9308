import { ApiProperty } from '@nestjs/swagger';
import { EXPORT_KINDS, EXPORT_STATUSES, type CreateExportResponse, type ExportKind, type ExportPage, type ExportStatus, type ExportSummary } from '@fieldwork/contracts';

/** Response schemas of the export operations; each class implements its contracts interface. */

export class ExportRefBody {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
}

export class CreateExportBody implements CreateExportResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
}

export class ExportSummaryBody implements ExportSummary {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: EXPORT_KINDS }) kind!: ExportKind;
  @ApiProperty({ type: () => ExportRefBody, nullable: true }) cohort!: ExportRefBody | null;
  @ApiProperty({ type: () => ExportRefBody }) requestedBy!: ExportRefBody;
  @ApiProperty({ enum: EXPORT_STATUSES }) status!: ExportStatus;
  @ApiProperty({ type: 'integer', minimum: 0, maximum: 100 }) percent!: number;
  @ApiProperty({ type: 'integer', nullable: true }) totalRows!: number | null;
  @ApiProperty({ type: 'integer' }) doneRows!: number;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Bytes of the finished file' }) fileSize!: number | null;
  @ApiProperty({ type: String, nullable: true }) error!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) finishedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) expiresAt!: string | null;
}

export class ExportPageBody implements ExportPage {
  @ApiProperty({ type: () => [ExportSummaryBody] }) items!: ExportSummaryBody[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last page' }) nextCursor!: string | null;
}
