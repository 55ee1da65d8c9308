import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, Matches } from 'class-validator';
import { EmailAddress, IsTimeZone, RequiredLine, trimmedLowerCase } from '@fieldwork/server-core';
import type { CreateTenantRequest } from '@fieldwork/contracts';

export class CreateTenantDto implements CreateTenantRequest {
  @ApiProperty({ example: 'state-u', description: 'Lower-case letters, digits and dashes; used to sign in' })
  @Transform(trimmedLowerCase)
  @IsString()
  @Matches(/^[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?$/, {
    message: 'slug must be 1–40 lower-case letters, digits or dashes, not starting or ending with a dash',
  })
  slug!: string;

  @ApiProperty({ example: 'State University Career Center' })
  @RequiredLine('name')
  name!: string;

  @ApiProperty({ example: 'America/New_York' })
  @IsString()
  @IsTimeZone()
  timezone!: string;

  @ApiProperty({ example: 'director@state-u.edu' })
  @EmailAddress('adminEmail')
  adminEmail!: string;

  @ApiProperty({ example: 'Dana Director' })
  @RequiredLine('adminName')
  adminName!: string;
}
