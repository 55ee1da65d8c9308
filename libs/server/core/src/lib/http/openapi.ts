import { Get, HttpCode, ParseIntPipe, Patch, Post, Put, applyDecorators, createParamDecorator, type ArgumentMetadata, type ExecutionContext, type PipeTransform, type Type } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiProduces,
  ApiProperty,
  ApiPropertyOptional,
  ApiQuery,
  ApiResponse,
  ApiSchema,
} from '@nestjs/swagger';
import type { Request } from 'express';
import type { ApiError, FieldError, Page } from '@fieldwork/contracts';

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

/**
 * `GET path` of everything under one resource at once, not paged (a task's submissions, a contact's
 * interactions): 200 with an array of `item`, 404 when the resource is not there (or not visible).
 */
export function GetAllOf(path: string, item: Type<unknown>): MethodDecorator {
  return applyDecorators(Get(path), ApiOkResponse({ type: [item] }), ApiErrors(404));
}

/** `GET path` of a page of a list: 200 with `type`, 400 for a bad cursor, limit or filter in the query. */
export function GetPage(path: string, type: Type<unknown>): MethodDecorator {
  return applyDecorators(Get(path), ApiOkResponse({ type }), ApiErrors(400));
}

/** A success answer's body: its schema class, or the class and a description of the answer. */
export type AnswerBody = Type<unknown> | { type: Type<unknown>; description: string };

/** The options of `ApiCreatedResponse` / `ApiOkResponse` for `body`. */
function answerOptions(body: AnswerBody): { type: Type<unknown>; description?: string } {
  return typeof body === 'function' ? { type: body } : body;
}

/** `POST path` that makes something: 201 with `body`. */
export function Created(path: string, body: AnswerBody, ...errors: DocumentedErrorStatus[]): MethodDecorator {
  return applyDecorators(Post(path), ApiCreatedResponse(answerOptions(body)), ApiErrors(...errors));
}

/** `PATCH path` (some fields changed) or `PUT path` (the whole of it saved): 200 with `body`, what it is now. */
export function Updated(method: 'PATCH' | 'PUT', path: string, body: AnswerBody, ...errors: DocumentedErrorStatus[]): MethodDecorator {
  return applyDecorators(method === 'PATCH' ? Patch(path) : Put(path), ApiOkResponse(answerOptions(body)), ApiErrors(...errors));
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

/** The `nextCursor` property of every paged body (`PageBody`, and pages with more than items, such as a gradebook's). */
export const NEXT_CURSOR_PROPERTY = { type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last page' } as const;

/**
 * The schema of a `Page` of `item` (`items` and `nextCursor`), for a named page body to extend:
 * `export class CohortPageBody extends PageBody(CohortSummaryBody) {}` (the document names the schema after the subclass).
 */
export function PageBody<Item>(item: Type<Item>): Type<Page<Item>> {
  class PageOfItems implements Page<Item> {
    @ApiProperty({ type: () => [item] }) items!: Item[];
    @ApiProperty(NEXT_CURSOR_PROPERTY) nextCursor!: string | null;
  }
  return PageOfItems;
}

/** Where a list is, as its query string says: the cursor of the next page and the page size (see `PageQuery`). */
export interface PageParams {
  cursor?: string;
  limit?: number;
}

/**
 * Reads `cursor` and `limit` as `@Query('cursor')` and `@Query('limit', new ParseIntPipe({ optional: true }))`
 * read them under the global validation pipe, so a bad limit is the same 400, "Validation failed (numeric string is expected)".
 */
class PageParamsPipe implements PipeTransform<{ cursor?: unknown; limit?: unknown }, Promise<PageParams>> {
  private readonly limit = new ParseIntPipe({ optional: true });

  async transform(query: { cursor?: unknown; limit?: unknown }, metadata: ArgumentMetadata): Promise<PageParams> {
    const cursor = query.cursor === undefined ? undefined : String(query.cursor);
    // The raw value, as @Query('limit') gave it: '', '1e3', ' 7 ' or a repeated parameter stay a 400.
    const limit = query.limit === undefined ? undefined : await this.limit.transform(query.limit as string, { ...metadata, data: 'limit' });
    return { cursor, limit: limit ?? undefined };
  }
}

/** Documents the two page parameters, optional, on the operation whose parameter `PageQuery` decorates. */
function documentPageParams(target: object, key: string | symbol | undefined): void {
  if (key === undefined) return;
  const descriptor = Object.getOwnPropertyDescriptor(target, key);
  if (!descriptor) return;
  ApiQuery({ name: 'cursor', required: false, type: String, description: 'The `nextCursor` of the previous page' })(target, key, descriptor);
  ApiQuery({ name: 'limit', required: false, type: 'integer', description: 'Items per page' })(target, key, descriptor);
}

const pageQuery = createParamDecorator((_data: unknown, context: ExecutionContext) => {
  const { cursor, limit } = context.switchToHttp().getRequest<Request>().query;
  return { cursor, limit };
}, [documentPageParams]);

/** The `cursor` and `limit` query parameters of a list endpoint, as `PageParams` (documented as optional query parameters). */
export function PageQuery(): ParameterDecorator {
  return pageQuery(new PageParamsPipe());
}

/**
 * The progress of a file a worker builds and keeps for a few days (a CSV export, a whole-career-center
 * ZIP): the built-file columns of its table, for the summary body of each kind of file to extend.
 */
export class BuiltFileProgressBody {
  @ApiProperty({ type: 'integer', minimum: 0, maximum: 100 }) percent!: number;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Rows to write, counted when the build started' }) totalRows!: number | null;
  @ApiProperty({ type: 'integer' }) doneRows!: number;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Bytes of the finished file' }) fileSize!: number | null;
  @ApiProperty({ type: String, nullable: true }) error!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) finishedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When the download stops working' }) expiresAt!: string | null;
}
