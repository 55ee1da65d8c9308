import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';
import { IsTimeZone, SingleLine } from '@fieldwork/server-core';
import type { CreateTenantRequest } from '@fieldwork/contracts';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateTenantDto implements CreateTenantRequest {
  @ApiProperty({ example: 'state-u', description: 'Lower-case letters, digits and dashes; used to sign in' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsString()
  @Matches(/^[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?$/, {
    message: 'slug must be 1–40 lower-case letters, digits or dashes, not starting or ending with a dash',
  })
  slug!: string;

  @ApiProperty({ example: 'State University Career Center' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty({ message: 'name must not be empty' })
  @MaxLength(200)
  @SingleLine()
  name!: string;

  @ApiProperty({ example: 'America/New_York' })
  @IsString()
  @IsTimeZone()
  timezone!: string;

  @ApiProperty({ example: 'director@state-u.edu' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsEmail({}, { message: 'adminEmail must be an e-mail address' })
  @MaxLength(254)
  adminEmail!: string;

  @ApiProperty({ example: 'Dana Director' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty({ message: 'adminName must not be empty' })
  @MaxLength(200)
  @SingleLine()
  adminName!: string;
}
