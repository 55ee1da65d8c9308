import { ApiProperty } from '@nestjs/swagger';
import {
  SSO_ATTEMPT_OUTCOMES,
  SSO_MATCH_BY,
  SSO_PROTOCOLS,
  type SsoAttempt,
  type SsoAttemptOutcome,
  type SsoCertificate,
  type SsoDiscovery,
  type SsoMatchBy,
  type SsoProtocol,
  type SsoServiceProvider,
  type SsoSettings,
} from '@fieldwork/contracts';

export class SsoCertificateBody implements SsoCertificate {
  @ApiProperty({ type: String, nullable: true }) subject!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) notAfter!: string | null;
  @ApiProperty({ description: 'SHA-256 fingerprint' }) fingerprint!: string;
}

export class SsoServiceProviderBody implements SsoServiceProvider {
  @ApiProperty() entityId!: string;
  @ApiProperty() acsUrl!: string;
  @ApiProperty() metadataUrl!: string;
  @ApiProperty() oidcRedirectUrl!: string;
  @ApiProperty() startUrl!: string;
}

export class SsoSettingsBody implements SsoSettings {
  @ApiProperty() configured!: boolean;
  @ApiProperty({ enum: SSO_PROTOCOLS }) protocol!: SsoProtocol;
  @ApiProperty({ type: String, nullable: true }) displayName!: string | null;
  @ApiProperty({ type: String, nullable: true }) issuer!: string | null;
  @ApiProperty({ type: String, nullable: true }) clientId!: string | null;
  @ApiProperty({ description: 'Whether a client secret is stored (the secret itself is never returned)' }) hasClientSecret!: boolean;
  @ApiProperty({ type: String, nullable: true }) metadataXml!: string | null;
  @ApiProperty({ type: String, nullable: true }) metadataUrl!: string | null;
  @ApiProperty({ type: String, nullable: true }) idpEntityId!: string | null;
  @ApiProperty({ type: [SsoCertificateBody] }) idpCertificates!: SsoCertificateBody[];
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) metadataFetchedAt!: string | null;
  @ApiProperty({ enum: SSO_MATCH_BY }) matchBy!: SsoMatchBy;
  @ApiProperty({ type: String, nullable: true }) attribute!: string | null;
  @ApiProperty() enabled!: boolean;
  @ApiProperty() testMode!: boolean;
  @ApiProperty() studentsSsoOnly!: boolean;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) jitCohortId!: string | null;
  @ApiProperty({ type: [String] }) domains!: string[];
  @ApiProperty({ type: () => SsoServiceProviderBody }) serviceProvider!: SsoServiceProviderBody;
}

export class SsoAttemptBody implements SsoAttempt {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ enum: SSO_PROTOCOLS }) protocol!: SsoProtocol;
  @ApiProperty({ enum: SSO_ATTEMPT_OUTCOMES }) outcome!: SsoAttemptOutcome;
  @ApiProperty({ type: String, nullable: true }) reason!: string | null;
  @ApiProperty({ type: String, nullable: true }) subject!: string | null;
  @ApiProperty() test!: boolean;
}

export class SsoDiscoveryTenantBody {
  @ApiProperty() slug!: string;
  @ApiProperty() name!: string;
}

export class SsoDiscoveryButtonBody {
  @ApiProperty() displayName!: string;
  @ApiProperty() startUrl!: string;
  @ApiProperty() studentsSsoOnly!: boolean;
}

export class SsoDiscoveryBody implements SsoDiscovery {
  @ApiProperty({ type: () => SsoDiscoveryTenantBody, nullable: true }) tenant!: SsoDiscoveryTenantBody | null;
  @ApiProperty({ type: () => SsoDiscoveryButtonBody, nullable: true }) sso!: SsoDiscoveryButtonBody | null;
}

export class SsoTestStartBody {
  @ApiProperty({ description: 'Open this URL in the browser to sign in at the IdP (test mode)' }) url!: string;
}
