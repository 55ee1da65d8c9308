import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateBy,
  ValidateIf,
  type ValidationOptions,
} from 'class-validator';
import { OptionalNotNull, SingleLine } from '@fieldwork/server-core';
import { INTERACTION_KINDS, URL_MAX_LENGTH, isHttpUrl, type ContactInput, type InteractionKind, type LogInteractionRequest } from '@fieldwork/contracts';

const trimOrNull = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() || null : value);
const optionalText = (max: number) => [IsOptional(), Transform(trimOrNull), IsString(), MaxLength(max)];
function Text(max: number): PropertyDecorator {
  return (target, key) => optionalText(max).forEach((decorate) => decorate(target, key));
}
/** An optional one-line text (organization, role, sector): null clears it, line breaks are refused. */
function Line(max: number): PropertyDecorator {
  return (target, key) => [...optionalText(max), SingleLine()].forEach((decorate) => decorate(target, key));
}
const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** A web address by the contracts' rule (http:// or https://), the one the web app's forms apply too. */
function IsHttpUrl(options: ValidationOptions): PropertyDecorator {
  return ValidateBy({ name: 'isHttpUrl', validator: { validate: (value: unknown) => typeof value === 'string' && isHttpUrl(value) } }, options);
}

export class ContactDto implements ContactInput {
  @ApiProperty() @Transform(trim) @IsString() @IsNotEmpty({ message: 'name must not be empty' }) @MaxLength(200) @SingleLine() name!: string;
  @ApiPropertyOptional() @Line(200) organization?: string | null;
  @ApiPropertyOptional() @Line(200) role?: string | null;
  @ApiPropertyOptional() @Line(100) sector?: string | null;
  @ApiPropertyOptional() @Text(500) howMet?: string | null;
  @ApiPropertyOptional() @IsOptional() @Transform(trimOrNull) @ValidateIf((_, v) => v !== null) @IsEmail({}, { message: 'email must be an e-mail address' }) email?: string | null;
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trimOrNull)
  @ValidateIf((_, v) => v !== null)
  @IsHttpUrl({ message: 'linkedinUrl must be a web address starting with https://' })
  @MaxLength(URL_MAX_LENGTH)
  linkedinUrl?: string | null;
  @ApiPropertyOptional({ type: [String] }) @OptionalNotNull() @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) @MaxLength(50, { each: true }) @SingleLine({ each: true }) tags?: string[];
  @ApiPropertyOptional() @Text(10_000) notes?: string | null;
  @ApiPropertyOptional({ minimum: 1, maximum: 365, nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(365)
  followUpEveryDays?: number | null;
  @ApiPropertyOptional() @OptionalNotNull() @IsBoolean() sharedWithAdvisors?: boolean;
}

export class UpdateContactDto extends ContactDto {
  @ApiPropertyOptional() @OptionalNotNull() @Transform(trim) @IsString() @IsNotEmpty({ message: 'name must not be empty' }) @MaxLength(200) @SingleLine() declare name: string;
}

export class InteractionDto implements LogInteractionRequest {
  @ApiProperty({ enum: INTERACTION_KINDS }) @IsIn(INTERACTION_KINDS, { message: `kind must be one of: ${INTERACTION_KINDS.join(', ')}` }) kind!: InteractionKind;
  @ApiProperty() @IsISO8601({}, { message: 'occurredAt must be an ISO date or date-time' }) occurredAt!: string;
  @ApiPropertyOptional() @Text(10_000) notes?: string | null;
  @ApiPropertyOptional() @IsOptional() @ValidateIf((_, v) => v !== null) @IsUUID('all', { message: 'taskId must be a task id' }) taskId?: string | null;
}
