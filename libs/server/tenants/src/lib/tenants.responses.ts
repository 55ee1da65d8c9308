import { ApiProperty } from '@nestjs/swagger';
import type { CreateTenantResponse, TenantSummary } from '@fieldwork/contracts';

/** Response schemas of the platform (operator) operations; each class implements its contracts interface. */

export class TenantSummaryBody implements TenantSummary {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() slug!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'IANA time zone' }) timezone!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class CreateTenantBody implements CreateTenantResponse {
  @ApiProperty({ type: () => TenantSummaryBody }) tenant!: TenantSummaryBody;
  @ApiProperty() adminInvitationToken!: string;
  @ApiProperty() adminInviteUrl!: string;
}
