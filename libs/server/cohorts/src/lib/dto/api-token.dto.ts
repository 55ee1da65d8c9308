import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { SingleLine, trimmed } from '@fieldwork/server-core';
import { API_TOKEN_NAME_MAX, API_TOKEN_SCOPES, type ApiTokenScope, type CreateApiTokenRequest } from '@fieldwork/contracts';

export class CreateApiTokenDto implements CreateApiTokenRequest {
  @ApiProperty({ example: 'Registrar nightly roster push', maxLength: API_TOKEN_NAME_MAX })
  @Transform(trimmed)
  @IsString({ message: 'name must be text' })
  @IsNotEmpty({ message: 'name must not be empty: say what the token is for' })
  @MaxLength(API_TOKEN_NAME_MAX, { message: `name must be at most ${API_TOKEN_NAME_MAX} characters` })
  @SingleLine()
  name!: string;

  @ApiProperty({ enum: API_TOKEN_SCOPES })
  @IsIn(API_TOKEN_SCOPES, { message: `scope must be one of: ${API_TOKEN_SCOPES.join(', ')}` })
  scope!: ApiTokenScope;
}
