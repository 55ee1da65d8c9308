import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiResponse } from '@nestjs/swagger';
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

/** Error statuses an operation may answer, each with the `ApiError` body of @fieldwork/contracts. */
const ERROR_DESCRIPTIONS = {
  400: 'Invalid input: `message` says what is wrong, `details` names each bad field',
  401: 'Not signed in, or the session expired',
  403: 'Signed in, but this role may not do this',
  404: 'No such resource in this career center (or not visible to you)',
  409: 'Conflicts with the current state',
  410: 'Gone: it existed but has expired',
  413: 'The upload is too large',
  429: 'Too many requests: wait and try again',
} as const;

/** Documents the error answers of an operation (the `ApiError` schema registered by the API app). */
export function ApiErrors(...statuses: (keyof typeof ERROR_DESCRIPTIONS)[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...statuses.map((status) => ApiResponse({ status, description: ERROR_DESCRIPTIONS[status], schema: { $ref: '#/components/schemas/ApiError' } })),
  );
}
