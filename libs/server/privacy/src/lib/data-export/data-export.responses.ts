import { ApiProperty } from '@nestjs/swagger';
import { DATA_EXPORT_STATUSES, type CreateDataExportResponse, type DataExportList, type DataExportStatus, type DataExportSummary } from '@fieldwork/contracts';

/** Response schemas of "download my data"; each class implements its contracts interface. */

export class CreateDataExportBody implements CreateDataExportResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
}

export class DataExportSummaryBody implements DataExportSummary {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: DATA_EXPORT_STATUSES }) status!: DataExportStatus;
  @ApiProperty({ type: 'integer', minimum: 0, maximum: 100 }) percent!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When the download stops working' }) expiresAt!: string | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Bytes of the ZIP' }) fileSize!: number | null;
  @ApiProperty({ type: String, nullable: true }) error!: string | null;
}

export class DataExportListBody implements DataExportList {
  @ApiProperty({ type: () => [DataExportSummaryBody] }) items!: DataExportSummaryBody[];
}
