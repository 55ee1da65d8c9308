import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  PROMPT_TYPES,
  TEMPLATE_CATEGORIES,
  type EvidenceRule,
  type PromptType,
  type ReflectionPrompt,
  type RubricCriterion,
  type RubricLevel,
  type TemplateCategory,
  type TemplateInput,
  type UpdateTemplateRequest,
} from '@fieldwork/contracts';
import { INTERACTION_KINDS, type InteractionKind } from '@fieldwork/contracts';
import { OptionalNotNull, SingleLine } from '@fieldwork/server-core';

const EACH_OBJECT = (name: string) => ({ each: true, message: `each of ${name} must be an object` });

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const KEY = /^[a-z][a-z0-9_]{0,39}$/;
const KEY_MESSAGE = 'key must start with a letter and use only a-z, 0-9 and _ (at most 40)';

export class PromptDto implements ReflectionPrompt {
  @ApiProperty() @IsString() @Matches(KEY, { message: KEY_MESSAGE }) key!: string;
  @ApiProperty() @Transform(trim) @IsString() @IsNotEmpty({ message: 'label must not be empty' }) @MaxLength(300) @SingleLine() label!: string;
  @ApiProperty({ enum: PROMPT_TYPES }) @IsIn(PROMPT_TYPES, { message: `type must be one of: ${PROMPT_TYPES.join(', ')}` }) type!: PromptType;
  @ApiProperty() @IsBoolean() required!: boolean;
  @ApiPropertyOptional() @OptionalNotNull() @IsString() @MaxLength(500) help?: string;
  @ApiPropertyOptional({ type: [String] })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(200, { each: true })
  @SingleLine({ each: true })
  options?: string[];
}

export class EvidenceDto implements EvidenceRule {
  @ApiProperty({ enum: ['none', 'url', 'text'] }) @IsIn(['none', 'url', 'text'], { message: 'kind must be one of: none, url, text' }) kind!: EvidenceRule['kind'];
  @ApiProperty() @IsBoolean() required!: boolean;
  @ApiPropertyOptional() @OptionalNotNull() @IsString() @MaxLength(200) @SingleLine() label?: string;
}

export class RubricLevelDto implements RubricLevel {
  @ApiProperty() @Transform(trim) @IsString() @IsNotEmpty({ message: 'label must not be empty' }) @MaxLength(200) @SingleLine() label!: string;
  @ApiProperty() @IsInt() @Min(0) @Max(100) points!: number;
}

export class RubricCriterionDto implements RubricCriterion {
  @ApiProperty() @IsString() @Matches(KEY, { message: KEY_MESSAGE }) key!: string;
  @ApiProperty() @Transform(trim) @IsString() @IsNotEmpty({ message: 'label must not be empty' }) @MaxLength(200) @SingleLine() label!: string;
  @ApiProperty({ type: [RubricLevelDto] })
  @IsArray()
  @ArrayMinSize(2, { message: 'levels must have at least 2 levels' })
  @ArrayMaxSize(10)
  @IsObject(EACH_OBJECT('levels'))
  @ValidateNested({ each: true })
  @Type(() => RubricLevelDto)
  levels!: RubricLevelDto[];
}

export class TemplateDto implements TemplateInput {
  @ApiProperty() @Transform(trim) @IsString() @IsNotEmpty({ message: 'title must not be empty' }) @MaxLength(200) @SingleLine() title!: string;
  @ApiProperty({ enum: TEMPLATE_CATEGORIES })
  @IsIn(TEMPLATE_CATEGORIES, { message: `category must be one of: ${TEMPLATE_CATEGORIES.join(', ')}` })
  category!: TemplateCategory;
  @ApiProperty({ description: 'Markdown' }) @IsString() @IsNotEmpty({ message: 'instructions must not be empty' }) @MaxLength(20_000) instructions!: string;
  @ApiProperty({ type: [PromptDto] })
  @IsArray()
  @ArrayMinSize(1, { message: 'prompts must have at least one prompt' })
  @ArrayMaxSize(40)
  @IsObject(EACH_OBJECT('prompts'))
  @ValidateNested({ each: true })
  @Type(() => PromptDto)
  prompts!: PromptDto[];
  @ApiProperty() @IsBoolean() contactRequired!: boolean;
  @ApiProperty({ type: EvidenceDto }) @IsObject({ message: 'evidence must be an object' }) @ValidateNested() @Type(() => EvidenceDto) evidence!: EvidenceDto;
  @ApiPropertyOptional({ type: [RubricCriterionDto], nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(12)
  @IsObject(EACH_OBJECT('rubric'))
  @ValidateNested({ each: true })
  @Type(() => RubricCriterionDto)
  rubric!: RubricCriterionDto[] | null;
  @ApiProperty() @IsInt() @Min(5) @Max(24 * 60) estimatedMinutes!: number;
  @ApiPropertyOptional({ enum: INTERACTION_KINDS, nullable: true, description: 'What a reflection records on the contact’s timeline; null: by category' })
  @IsOptional()
  @IsIn(INTERACTION_KINDS, { message: `interactionKind must be one of: ${INTERACTION_KINDS.join(', ')}` })
  interactionKind?: InteractionKind | null;
}

export class UpdateTemplateDto implements UpdateTemplateRequest {
  @ApiPropertyOptional() @OptionalNotNull() @Transform(trim) @IsString() @IsNotEmpty({ message: 'title must not be empty' }) @MaxLength(200) @SingleLine() title?: string;
  @ApiPropertyOptional({ enum: TEMPLATE_CATEGORIES }) @OptionalNotNull() @IsIn(TEMPLATE_CATEGORIES, { message: `category must be one of: ${TEMPLATE_CATEGORIES.join(', ')}` }) category?: TemplateCategory;
  @ApiPropertyOptional() @OptionalNotNull() @IsString() @IsNotEmpty({ message: 'instructions must not be empty' }) @MaxLength(20_000) instructions?: string;
  @ApiPropertyOptional({ type: [PromptDto] })
  @OptionalNotNull()
  @IsArray()
  @ArrayMinSize(1, { message: 'prompts must have at least one prompt' })
  @ArrayMaxSize(40)
  @IsObject(EACH_OBJECT('prompts'))
  @ValidateNested({ each: true })
  @Type(() => PromptDto)
  prompts?: PromptDto[];
  @ApiPropertyOptional() @OptionalNotNull() @IsBoolean() contactRequired?: boolean;
  @ApiPropertyOptional({ type: EvidenceDto }) @OptionalNotNull() @IsObject({ message: 'evidence must be an object' }) @ValidateNested() @Type(() => EvidenceDto) evidence?: EvidenceDto;
  @ApiPropertyOptional({ type: [RubricCriterionDto], nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(12)
  @IsObject(EACH_OBJECT('rubric'))
  @ValidateNested({ each: true })
  @Type(() => RubricCriterionDto)
  rubric?: RubricCriterionDto[] | null;
  @ApiPropertyOptional() @OptionalNotNull() @IsInt() @Min(5) @Max(24 * 60) estimatedMinutes?: number;
  @ApiPropertyOptional({ enum: INTERACTION_KINDS, nullable: true })
  @IsOptional()
  @IsIn(INTERACTION_KINDS, { message: `interactionKind must be one of: ${INTERACTION_KINDS.join(', ')}` })
  interactionKind?: InteractionKind | null;
  @ApiPropertyOptional() @OptionalNotNull() @IsBoolean() archived?: boolean;
}
