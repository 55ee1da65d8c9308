import { ApiProperty } from '@nestjs/swagger';
import type { CreateTenantExportResponse } from '@fieldwork/contracts';

/** Response schemas of the offboarding operations; each class implements its contracts interface. */
export class CreateTenantExportBody implements CreateTenantExportResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
}
