import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import type { ApiError, FieldError, HealthResponse, QueueBackendKind } from '@fieldwork/contracts';

/**
 * The error body every operation answers with (`ApiError` of @fieldwork/contracts).
 * Registered once here as the `ApiError` component; each library's `ApiErrors(…)`
 * decorator refers to it.
 */
@ApiSchema({ name: 'FieldError' })
export class FieldErrorBody implements FieldError {
  @ApiProperty({ description: 'The field, as a path into the request (`prompts[0].key`, `q`)' }) field!: string;
  @ApiProperty({ type: [String] }) problems!: string[];
}

@ApiSchema({ name: 'ApiError', description: 'Every error answer: status, reason phrase, a message for people, and for invalid input one entry per bad field' })
export class ApiErrorBody implements ApiError {
  @ApiProperty({ type: 'integer', minimum: 400, maximum: 599 }) statusCode!: number;
  @ApiProperty({ example: 'Bad Request' }) error!: string;
  @ApiProperty() message!: string;
  @ApiPropertyOptional({ type: () => [FieldErrorBody], description: 'For validation errors: one entry per bad field' }) details?: FieldErrorBody[];
}

export class ComponentStatusBody {
  @ApiProperty({ enum: ['up', 'down'] }) status!: 'up' | 'down';
}

export class QueueStatusBody {
  @ApiProperty({ enum: ['redis', 'postgres'] }) backend!: QueueBackendKind;
  @ApiProperty({ enum: ['up', 'down'] }) status!: 'up' | 'down';
}

export class HealthBody implements HealthResponse {
  @ApiProperty({ enum: ['ok', 'degraded'] }) status!: 'ok' | 'degraded';
  @ApiProperty({ type: () => ComponentStatusBody }) database!: ComponentStatusBody;
  @ApiProperty({ type: () => QueueStatusBody }) queue!: QueueStatusBody;
}
