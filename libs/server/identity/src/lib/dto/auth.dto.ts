import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { SingleLine } from '@fieldwork/server-core';
import { ROLES, type AcceptInvitationRequest, type InvitationRequest, type LoginRequest, type Role } from '@fieldwork/contracts';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const normalizeEmail = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value);

export class LoginDto implements LoginRequest {
  @ApiPropertyOptional({ description: 'Tenant slug; leave out to sign in as a platform operator', example: 'demo' })
  @IsOptional()
  @Transform(normalizeEmail)
  @IsString()
  @MaxLength(40)
  tenant?: string;

  @ApiProperty({ example: 'admin@demo.test' })
  @Transform(normalizeEmail)
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(254)
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
  @Transform(trim)
  @IsString()
  @IsNotEmpty({ message: 'name must not be empty' })
  @MaxLength(200)
  @SingleLine()
  name!: string;

  @ApiProperty({ minLength: 12 }) @IsString() @MaxLength(256) password!: string;
}

export class InvitationDto implements InvitationRequest {
  @ApiProperty({ example: 'new.student@demo.test' })
  @Transform(normalizeEmail)
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(254)
  email!: string;

  @ApiProperty({ example: 'Grace Hopper' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty({ message: 'name must not be empty' })
  @MaxLength(200)
  @SingleLine()
  name!: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES, { message: `role must be one of: ${ROLES.join(', ')}` })
  role!: Role;
}

