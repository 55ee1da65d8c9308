import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { OptionalLine, SingleLine } from '@fieldwork/server-core';
import { SSO_MATCH_BY, SSO_PROTOCOLS, type SsoMatchBy, type SsoProtocol, type SsoSettingsRequest } from '@fieldwork/contracts';

export class SsoSettingsDto implements SsoSettingsRequest {
  @ApiProperty({ enum: SSO_PROTOCOLS }) @IsIn(SSO_PROTOCOLS, { message: 'protocol must be "oidc" or "saml"' }) protocol!: SsoProtocol;

  @ApiPropertyOptional({ nullable: true, description: 'The button says "Sign in with <displayName>"', example: 'Example University' })
  @OptionalLine(100)
  displayName?: string | null;

  @ApiPropertyOptional({ nullable: true, description: 'OIDC: the issuer URL (discovery)' })
  @OptionalLine(500)
  issuer?: string | null;

  @ApiPropertyOptional({ nullable: true }) @OptionalLine(500) clientId?: string | null;

  @ApiPropertyOptional({ nullable: true, description: 'OIDC: write-only (stored encrypted, never returned); leave out to keep the stored one' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  @SingleLine()
  clientSecret?: string | null;

  @ApiPropertyOptional({ nullable: true, description: 'SAML: the IdP metadata XML' }) @IsOptional() @IsString() @MaxLength(500_000) metadataXml?: string | null;

  @ApiPropertyOptional({ nullable: true, description: 'SAML: where to fetch the IdP metadata (re-fetched daily)' })
  @OptionalLine(500)
  metadataUrl?: string | null;

  @ApiProperty({ enum: SSO_MATCH_BY }) @IsIn(SSO_MATCH_BY, { message: 'matchBy must be one of email, sub, eppn, studentId' }) matchBy!: SsoMatchBy;

  @ApiPropertyOptional({ nullable: true, description: 'SAML: the attribute (name or OID) holding the value to match' })
  @OptionalLine(200)
  attribute?: string | null;

  @ApiProperty() @IsBoolean() enabled!: boolean;
  @ApiProperty() @IsBoolean() testMode!: boolean;
  @ApiProperty() @IsBoolean() studentsSsoOnly!: boolean;

  @ApiPropertyOptional({ nullable: true, format: 'uuid', description: 'Create unknown students just in time into this cohort; null: off' })
  @IsOptional()
  @IsUUID('all', { message: 'jitCohortId must be a cohort id' })
  jitCohortId?: string | null;

  @ApiPropertyOptional({ type: [String], description: 'E-mail domains the career center claims', example: ['uni.edu'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(253, { each: true })
  domains?: string[];
}

export class SsoDiscoverQueryDto {
  @ApiPropertyOptional({ description: 'A career center slug' }) @IsOptional() @IsString() @MaxLength(40) tenant?: string;
  @ApiPropertyOptional({ description: 'An e-mail address: its domain finds the career center' }) @IsOptional() @IsString() @MaxLength(254) email?: string;
}
