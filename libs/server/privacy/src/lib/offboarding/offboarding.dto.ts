import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import type { DeleteTenantRequest } from '@fieldwork/contracts';

export class DeleteTenantDto implements DeleteTenantRequest {
  @ApiProperty({ example: 'state-u', description: 'The career center’s slug, typed by the operator to confirm the deletion' })
  @IsString({ message: 'confirmSlug must be the career center’s slug' })
  @MaxLength(100)
  confirmSlug!: string;
}
