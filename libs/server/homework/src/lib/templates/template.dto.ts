import { applyDecorators } from '@nestjs/common';
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
  TEMPLATE_KEY_PATTERN,
  TEMPLATE_LIMITS as LIMITS,
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
const KEY_MESSAGE = `key must start with a letter and use only a-z, 0-9 and _ (at most ${LIMITS.keyMaxLength})`;

/** A label that must say something: trimmed, one line, at most `max` characters. */
function RequiredLabel(max: number): PropertyDecorator {
  return applyDecorators(Transform(trim), IsString(), IsNotEmpty({ message: 'label must not be empty' }), MaxLength(max), SingleLine());
}

export class PromptDto implements ReflectionPrompt {
  @ApiProperty() @IsString() @Matches(TEMPLATE_KEY_PATTERN, { message: KEY_MESSAGE }) key!: string;
  @ApiProperty() @RequiredLabel(LIMITS.promptLabelMaxLength) label!: string;
  @ApiProperty({ enum: PROMPT_TYPES }) @IsIn(PROMPT_TYPES, { message: `type must be one of: ${PROMPT_TYPES.join(', ')}` }) type!: PromptType;
  @ApiProperty() @IsBoolean() required!: boolean;
  @ApiPropertyOptional() @OptionalNotNull() @IsString() @MaxLength(LIMITS.helpMaxLength) help?: string;
  @ApiPropertyOptional({ type: [String] })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(LIMITS.maxOptions)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(LIMITS.labelMaxLength, { each: true })
  @SingleLine({ each: true })
  options?: string[];
}

export class EvidenceDto implements EvidenceRule {
  @ApiProperty({ enum: ['none', 'url', 'text'] }) @IsIn(['none', 'url', 'text'], { message: 'kind must be one of: none, url, text' }) kind!: EvidenceRule['kind'];
  @ApiProperty() @IsBoolean() required!: boolean;
  @ApiPropertyOptional() @OptionalNotNull() @IsString() @MaxLength(LIMITS.labelMaxLength) @SingleLine() label?: string;
}

export class RubricLevelDto implements RubricLevel {
  @ApiProperty() @RequiredLabel(LIMITS.labelMaxLength) label!: string;
  @ApiProperty() @IsInt() @Min(LIMITS.minPoints) @Max(LIMITS.maxPoints) points!: number;
}

export class RubricCriterionDto implements RubricCriterion {
  @ApiProperty() @IsString() @Matches(TEMPLATE_KEY_PATTERN, { message: KEY_MESSAGE }) key!: string;
  @ApiProperty() @RequiredLabel(LIMITS.labelMaxLength) label!: string;
  @ApiProperty({ type: [RubricLevelDto] })
  @IsArray()
  @ArrayMinSize(LIMITS.minLevels, { message: `levels must have at least ${LIMITS.minLevels} levels` })
  @ArrayMaxSize(LIMITS.maxLevels)
  @IsObject(EACH_OBJECT('levels'))
  @ValidateNested({ each: true })
  @Type(() => RubricLevelDto)
  levels!: RubricLevelDto[];
}

/**
 * The rules of a template's fields, shared by creating one (every field required)
 * and editing one (any field, never null: see OptionalNotNull).
 */
const Field = {
  title: () => applyDecorators(Transform(trim), IsString(), IsNotEmpty({ message: 'title must not be empty' }), MaxLength(LIMITS.titleMaxLength), SingleLine()),
  category: () => IsIn(TEMPLATE_CATEGORIES, { message: `category must be one of: ${TEMPLATE_CATEGORIES.join(', ')}` }),
  instructions: () => applyDecorators(IsString(), IsNotEmpty({ message: 'instructions must not be empty' }), MaxLength(LIMITS.instructionsMaxLength)),
  prompts: () =>
    applyDecorators(
      IsArray(),
      ArrayMinSize(LIMITS.minPrompts, { message: 'prompts must have at least one prompt' }),
      ArrayMaxSize(LIMITS.maxPrompts),
      IsObject(EACH_OBJECT('prompts')),
      ValidateNested({ each: true }),
      Type(() => PromptDto),
    ),
  evidence: () => applyDecorators(IsObject({ message: 'evidence must be an object' }), ValidateNested(), Type(() => EvidenceDto)),
  /** Null or absent: no rubric. */
  rubric: () =>
    applyDecorators(
      ApiPropertyOptional({ type: [RubricCriterionDto], nullable: true }),
      IsOptional(),
      IsArray(),
      ArrayMaxSize(LIMITS.maxCriteria),
      IsObject(EACH_OBJECT('rubric')),
      ValidateNested({ each: true }),
      Type(() => RubricCriterionDto),
    ),
  estimatedMinutes: () => applyDecorators(IsInt(), Min(LIMITS.minMinutes), Max(LIMITS.maxMinutes)),
  /** Null or absent: by category. */
  interactionKind: (description?: string) =>
    applyDecorators(
      ApiPropertyOptional({ enum: INTERACTION_KINDS, nullable: true, description }),
      IsOptional(),
      IsIn(INTERACTION_KINDS, { message: `interactionKind must be one of: ${INTERACTION_KINDS.join(', ')}` }),
    ),
};

export class TemplateDto implements TemplateInput {
  @ApiProperty() @Field.title() title!: string;
  @ApiProperty({ enum: TEMPLATE_CATEGORIES }) @Field.category() category!: TemplateCategory;
  @ApiProperty({ description: 'Markdown' }) @Field.instructions() instructions!: string;
  @ApiProperty({ type: [PromptDto] }) @Field.prompts() prompts!: PromptDto[];
  @ApiProperty() @IsBoolean() contactRequired!: boolean;
  @ApiProperty({ type: EvidenceDto }) @Field.evidence() evidence!: EvidenceDto;
  @Field.rubric() rubric!: RubricCriterionDto[] | null;
  @ApiProperty() @Field.estimatedMinutes() estimatedMinutes!: number;
  @Field.interactionKind('What a reflection records on the contact’s timeline; null: by category') interactionKind?: InteractionKind | null;
}

export class UpdateTemplateDto implements UpdateTemplateRequest {
  @ApiPropertyOptional() @OptionalNotNull() @Field.title() title?: string;
  @ApiPropertyOptional({ enum: TEMPLATE_CATEGORIES }) @OptionalNotNull() @Field.category() category?: TemplateCategory;
  @ApiPropertyOptional() @OptionalNotNull() @Field.instructions() instructions?: string;
  @ApiPropertyOptional({ type: [PromptDto] }) @OptionalNotNull() @Field.prompts() prompts?: PromptDto[];
  @ApiPropertyOptional() @OptionalNotNull() @IsBoolean() contactRequired?: boolean;
  @ApiPropertyOptional({ type: EvidenceDto }) @OptionalNotNull() @Field.evidence() evidence?: EvidenceDto;
  @Field.rubric() rubric?: RubricCriterionDto[] | null;
  @ApiPropertyOptional() @OptionalNotNull() @Field.estimatedMinutes() estimatedMinutes?: number;
  @Field.interactionKind() interactionKind?: InteractionKind | null;
  @ApiPropertyOptional() @OptionalNotNull() @IsBoolean() archived?: boolean;
}
