import { ApiProperty } from '@nestjs/swagger';
import { API_TOKEN_SCOPES, type ApiTokenList, type ApiTokenScope, type ApiTokenSummary, type CreatedApiToken } from '@fieldwork/contracts';

export class ApiTokenCreatorBody {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
}

export class ApiTokenSummaryBody implements ApiTokenSummary {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: API_TOKEN_SCOPES }) scope!: ApiTokenScope;
  @ApiProperty({ description: 'The prefix and last characters, to tell tokens apart', example: 'fwt_…x9Qa' }) hint!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: () => ApiTokenCreatorBody }) createdBy!: ApiTokenCreatorBody;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastUsedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) revokedAt!: string | null;
  @ApiProperty() revoked!: boolean;
}

export class CreatedApiTokenBody extends ApiTokenSummaryBody implements CreatedApiToken {
  @ApiProperty({ description: 'The token, shown this once: send it as `Authorization: Bearer <token>`' }) token!: string;
}

export class ApiTokenListBody implements ApiTokenList {
  @ApiProperty({ type: () => [ApiTokenSummaryBody] }) items!: ApiTokenSummaryBody[];
}
