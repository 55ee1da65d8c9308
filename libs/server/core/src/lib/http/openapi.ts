import { Get, HttpCode, applyDecorators, type Type } from '@nestjs/common';
import { ApiAcceptedResponse, ApiExtraModels, ApiNoContentResponse, ApiOkResponse, ApiProduces, ApiProperty, ApiPropertyOptional, ApiResponse, ApiSchema } from '@nestjs/swagger';
import type { ApiError, FieldError } from '@fieldwork/contracts';

/** One bad field of a 400: where, and what is wrong with it. */
@ApiSchema({ name: 'FieldError' })
export class FieldErrorBody implements FieldError {
  @ApiProperty({ description: 'The field, as a path into the request (`prompts[0].key`, `q`)' }) field!: string;
  @ApiProperty({ type: [String] }) problems!: string[];
}

/** The error body every operation answers with (`ApiError` of @fieldwork/contracts), the `ApiError` component. */
@ApiSchema({ name: 'ApiError', description: 'Every error answer: status, reason phrase, a message for people, and for invalid input one entry per bad field' })
export class ApiErrorBody implements ApiError {
  @ApiProperty({ type: 'integer', minimum: 400, maximum: 599 }) statusCode!: number;
  @ApiProperty({ example: 'Bad Request' }) error!: string;
  @ApiProperty() message!: string;
  @ApiPropertyOptional({ type: () => [FieldErrorBody], description: 'For validation errors: one entry per bad field' }) details?: FieldErrorBody[];
}

/** Error statuses an operation may answer, each with the `ApiError` body. */
export const ERROR_DESCRIPTIONS = {
  400: 'Invalid input: `message` says what is wrong, `details` names each bad field',
  401: 'Not signed in, or the session expired',
  403: 'Signed in, but this role may not do this',
  404: 'No such resource in this career center (or not visible to you)',
  409: 'Conflicts with the current state',
  410: 'Gone: it existed but has expired or was archived',
  413: 'The upload is too large',
  429: 'Too many requests: wait and try again',
  503: 'The database is busy or unavailable: try again shortly',
} as const;
export type DocumentedErrorStatus = keyof typeof ERROR_DESCRIPTIONS;

/** Documents an operation's (or a controller's) error answers with the `ApiError` schema. */
export function ApiErrors(...statuses: DocumentedErrorStatus[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(ApiErrorBody),
    ...statuses.map((status) => ApiError(status)),
  );
}

/** One documented error answer; `description` overrides the generic one. */
export function ApiError(status: DocumentedErrorStatus, description: string = ERROR_DESCRIPTIONS[status]): MethodDecorator & ClassDecorator {
  return ApiResponse({ status, description, schema: { $ref: '#/components/schemas/ApiError' } });
}

/*
 * The endpoint kinds that recur across controllers, each one decorator, so every such operation
 * answers and is documented alike. The route's own method decorator stays where the kind does
 * not fix it (a job may start with POST or DELETE).
 */

/** `GET path` of one resource: 200 with `type`, 404 when there is none (or it is not visible). */
export function GetOne(path: string, type: Type<unknown>): MethodDecorator {
  return applyDecorators(Get(path), ApiOkResponse({ type }), ApiErrors(404));
}

/** `GET path` of a page of a list: 200 with `type`, 400 for a bad cursor, limit or filter in the query. */
export function GetPage(path: string, type: Type<unknown>): MethodDecorator {
  return applyDecorators(Get(path), ApiOkResponse({ type }), ApiErrors(400));
}

/** Work that carries on after the answer (a job, a file being built): 202 with `type`; `description` says how to follow it. */
export function Accepted(type: Type<unknown>, description: string, ...errors: DocumentedErrorStatus[]): MethodDecorator {
  return applyDecorators(HttpCode(202), ApiAcceptedResponse({ type, description }), ApiErrors(...errors));
}

/** An action (a POST) that answers 200 with `response`, not the 201 "created" Nest gives a POST by default. */
export function ActionOk(response: { type: Type<unknown>; description?: string }, ...errors: DocumentedErrorStatus[]): MethodDecorator {
  return applyDecorators(HttpCode(200), ApiOkResponse(response), ApiErrors(...errors));
}

/** Done, with nothing to answer: 204; `description` says what happened. */
export function NoContent(description: string, ...errors: DocumentedErrorStatus[]): MethodDecorator {
  return applyDecorators(HttpCode(204), ApiNoContentResponse({ description }), ApiErrors(...errors));
}

/**
 * `GET path` of a file built in the background, as `mediaType` bytes: 404 when there is no such
 * file, 409 while it is still being built (or failed), 410 once it has expired.
 */
export function DownloadFile(path: string, mediaType: string, description: string): MethodDecorator {
  return applyDecorators(Get(path), ApiProduces(mediaType), ApiOkResponse({ description, schema: { type: 'string', format: 'binary' } }), ApiErrors(404, 409, 410));
}
