import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { EmailAddress, RequiredLine, trimmedLowerCase } from '@fieldwork/server-core';
import {
  ROLES,
  type AcceptInvitationRequest,
  type ChangePasswordRequest,
  type InvitationRequest,
  type LoginRequest,
  type MfaCodeRequest,
  type MfaDisableRequest,
  type MfaPolicy,
  type PasswordResetConfirm,
  type PasswordResetRequest,
  type Role,
  type TotpConfirmRequest,
} from '@fieldwork/contracts';

export class LoginDto implements LoginRequest {
  @ApiPropertyOptional({ description: 'Tenant slug; leave out to sign in as a platform operator', example: 'demo' })
  @IsOptional()
  @Transform(trimmedLowerCase)
  @IsString()
  @MaxLength(40)
  tenant?: string;

  @ApiProperty({ example: 'admin@demo.test' })
  @EmailAddress('email')
  email!: string;

  @ApiProperty({ example: 'fieldwork-demo' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(256)
  password!: string;
}

export class AcceptInvitationDto implements AcceptInvitationRequest {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(100) token!: string;

  @ApiProperty({ example: 'Ada Lovelace' })
  @RequiredLine('name')
  name!: string;

  @ApiProperty({ minLength: 12 }) @IsString() @MaxLength(256) password!: string;
}

export class InvitationDto implements InvitationRequest {
  @ApiProperty({ example: 'new.student@demo.test' })
  @EmailAddress('email')
  email!: string;

  @ApiProperty({ example: 'Grace Hopper' })
  @RequiredLine('name')
  name!: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES, { message: `role must be one of: ${ROLES.join(', ')}` })
  role!: Role;
}


export class PasswordResetRequestDto implements PasswordResetRequest {
  @ApiProperty({ description: 'Career center slug', example: 'demo' })
  @Transform(trimmedLowerCase)
  @IsString()
  @IsNotEmpty({ message: 'tenant must not be empty' })
  @MaxLength(40)
  tenant!: string;

  @ApiProperty({ example: 'student@demo.test' })
  @EmailAddress('email')
  email!: string;
}

export class PasswordResetConfirmDto implements PasswordResetConfirm {
  @ApiProperty({ description: 'The token of the e-mailed link' }) @IsString() @IsNotEmpty() @MaxLength(100) token!: string;
  @ApiProperty({ minLength: 12 }) @IsString() @MaxLength(256) password!: string;
}

const CODE_RULE = /^[A-Za-z0-9\s-]{6,20}$/;

export class MfaTokenDto {
  @ApiProperty({ description: 'The token a password sign-in answered with (five minutes)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  mfaToken!: string;
}

export class MfaCodeDto extends MfaTokenDto implements MfaCodeRequest {
  @ApiProperty({ description: 'Six digits from the authenticator app, or a recovery code', example: '123456' })
  @IsString()
  @Matches(CODE_RULE, { message: 'code must be the six digits of your authenticator app or a recovery code' })
  code!: string;
}

export class TotpCodeDto implements TotpConfirmRequest, MfaDisableRequest {
  @ApiProperty({ description: 'Six digits from the authenticator app (or, to turn it off, a recovery code)', example: '123456' })
  @IsString()
  @Matches(CODE_RULE, { message: 'code must be the six digits of your authenticator app or a recovery code' })
  code!: string;
}

export class MfaPolicyDto implements MfaPolicy {
  @ApiProperty({ description: 'Admins and advisors must use two-step sign-in' })
  @IsBoolean({ message: 'requireForStaff must be true or false' })
  requireForStaff!: boolean;
}

export class ChangePasswordDto implements ChangePasswordRequest {
  @ApiProperty() @IsString() @IsNotEmpty({ message: 'currentPassword must not be empty' }) @MaxLength(256) currentPassword!: string;
  @ApiProperty({ minLength: 12 }) @IsString() @MaxLength(256) newPassword!: string;
}
