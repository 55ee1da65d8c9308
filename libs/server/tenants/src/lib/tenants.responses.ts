import { ApiProperty } from '@nestjs/swagger';
import { BuiltFileProgressBody } from '@fieldwork/server-core';
import { TENANT_EXPORT_STATUSES, TENANT_STATES, type CreateTenantResponse, type TenantExportStatus, type TenantExportSummary, type TenantState, type TenantSummary } from '@fieldwork/contracts';

/** Response schemas of the platform (operator) operations; each class implements its contracts interface. */

/** A whole-tenant export (operators): its progress, and its download once done. */
export class TenantExportSummaryBody extends BuiltFileProgressBody implements TenantExportSummary {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) tenantId!: string;
  @ApiProperty({ enum: TENANT_EXPORT_STATUSES }) status!: TenantExportStatus;
}

export class TenantSummaryBody implements TenantSummary {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() slug!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'IANA time zone' }) timezone!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ enum: TENANT_STATES, description: 'active; closing (sign-in refused, restorable until deleteAfter); deleting' }) state!: TenantState;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) closedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When its data is deleted' }) deleteAfter!: string | null;
  @ApiProperty({ type: () => TenantExportSummaryBody, nullable: true }) latestExport!: TenantExportSummaryBody | null;
}

export class CreateTenantBody implements CreateTenantResponse {
  @ApiProperty({ type: () => TenantSummaryBody }) tenant!: TenantSummaryBody;
  @ApiProperty() adminInvitationToken!: string;
  @ApiProperty() adminInviteUrl!: string;
}
