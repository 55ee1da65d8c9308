import { ApiProperty } from '@nestjs/swagger';
import { PageBody } from '@fieldwork/server-core';
import {
  OPERATOR_ROLE,
  ROLES,
  type AccessTokenResponse,
  type InvitationPreview,
  type InvitationResponse,
  type Me,
  type Page,
  type PrincipalRole,
  type Role,
  type TenantRef,
  type UserSummary,
} from '@fieldwork/contracts';

/**
 * Response schemas of the identity operations. Each class implements its
 * contracts interface, so the compiler keeps the document and the contract
 * in step; the decorators only add what TypeScript types cannot say at run
 * time (formats, enums, nullability).
 */

export class TenantRefBody implements TenantRef {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() slug!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'IANA time zone: every due date and time is the career center’s' }) timezone!: string;
}

export class MeBody implements Me {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() email!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: [...ROLES, OPERATOR_ROLE] }) role!: PrincipalRole;
  @ApiProperty({ type: () => TenantRefBody, nullable: true, description: 'null for operators, who belong to no tenant' }) tenant!: TenantRefBody | null;
}

export class AccessTokenBody implements AccessTokenResponse {
  @ApiProperty() accessToken!: string;
  @ApiProperty({ type: 'integer', description: 'Seconds until the access token expires' }) expiresIn!: number;
  @ApiProperty({ type: () => MeBody }) user!: MeBody;
}

export class InvitationBody implements InvitationResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ enum: ROLES }) role!: Role;
  @ApiProperty() token!: string;
  @ApiProperty() inviteUrl!: string;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
}

export class InvitationPreviewBody implements InvitationPreview {
  @ApiProperty() email!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ROLES }) role!: Role;
  @ApiProperty({ type: () => TenantRefBody }) tenant!: TenantRefBody;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
}

export class UserSummaryBody implements UserSummary {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() email!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ROLES }) role!: Role;
  @ApiProperty() active!: boolean;
  @ApiProperty({ description: 'false while the user has not accepted an invitation yet' }) activated!: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class UserPageBody extends PageBody(UserSummaryBody) implements Page<UserSummary> {}
