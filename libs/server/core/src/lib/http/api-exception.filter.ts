import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';
import type { ApiError, FieldError } from '@fieldwork/contracts';
import { DATABASE_RETRY_AFTER_SECONDS, DATABASE_UNAVAILABLE_MESSAGE, databaseApiError, databaseErrorFacts, isDatabaseUnavailable } from './database-errors';
import { JSON_BODY_LIMIT_BYTES, UPLOAD_LIMIT_BYTES, describeBytes } from './input-guard';

export * from './database-errors';
export * from './input-guard';
export * from './no-store';
export * from './cookies';

/** Multer's words for a file over `limits.fileSize` (Nest turns them into a 413). */
const MULTER_FILE_TOO_LARGE = 'File too large';

/** Every error leaves as {statusCode, error, message, details?}; unexpected ones are logged, never leaked. */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const body = toApiError(exception);
    // An unreachable database is an outage, not a bug: one line each, no stack.
    if (body.message === DATABASE_UNAVAILABLE_MESSAGE) this.logger.warn(`database unavailable: ${(exception as Error)?.message ?? exception}`);
    else if (body.statusCode >= 500) this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    if (response.headersSent) return;
    if (body.statusCode === 503) response.setHeader('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
    response.status(body.statusCode).json(body);
  }
}

export function toApiError(exception: unknown): ApiError {
  if (exception instanceof HttpException) {
    const statusCode = exception.getStatus();
    const payload = exception.getResponse();
    const error = HttpStatus[statusCode] ? titleCase(HttpStatus[statusCode]) : 'Error';
    if (isJsonSyntaxError(exception.cause)) return { statusCode, error, message: 'Request body is not valid JSON' };
    if (statusCode === 413) return { statusCode, error: 'Payload Too Large', message: tooLargeMessage(payload) };
    if (typeof payload === 'string') return { statusCode, error, message: payload };
    const { message: rawMessage, error: rawError, details, statusCode: _ignored, ...extra } = payload as {
      message?: unknown;
      error?: unknown;
      details?: FieldError[];
      statusCode?: number;
    };
    const message = Array.isArray(rawMessage) ? rawMessage.join('; ') : String(rawMessage ?? exception.message);
    return {
      statusCode,
      error: typeof rawError === 'string' ? rawError : error,
      message,
      ...(details ? { details } : {}),
      // e.g. the per-row report of a refused roster import
      ...extra,
    };
  }
  // PostgreSQL is down, restarting or out of connections: a quick 503 to retry (with Retry-After), never a hang or a 500.
  if (isDatabaseUnavailable(exception)) return { statusCode: 503, error: 'Service Unavailable', message: DATABASE_UNAVAILABLE_MESSAGE };
  // PostgreSQL refused the statement: a constraint, a format, a limit (4xx naming the field), or a busy database (503).
  const database = databaseErrorFacts(exception);
  if (database) return databaseApiError(database);
  const { status, expose, message } = exception as { status?: number; expose?: boolean; message?: string };
  if (status === 413) {
    return { statusCode: 413, error: 'Payload Too Large', message: `Request body is larger than ${describeBytes(JSON_BODY_LIMIT_BYTES)}` };
  }
  if (status === 400 && isJsonSyntaxError(exception)) {
    return { statusCode: 400, error: 'Bad Request', message: 'Request body is not valid JSON' };
  }
  // Other refusals of the body parser (an unsupported charset, an aborted request…) keep their 4xx.
  if (typeof status === 'number' && status >= 400 && status < 500 && expose === true) {
    return { statusCode: status, error: HttpStatus[status] ? titleCase(HttpStatus[status]) : 'Error', message: message || 'The request could not be read' };
  }
  return { statusCode: 500, error: 'Internal Server Error', message: 'Something went wrong on our side; try again' };
}

/** A 413 from the upload interceptor names the upload limit; any other says the JSON body limit. */
function tooLargeMessage(payload: string | object): string {
  const raw = typeof payload === 'string' ? payload : (payload as { message?: unknown }).message;
  if (raw === MULTER_FILE_TOO_LARGE) return `The file is larger than ${describeBytes(UPLOAD_LIMIT_BYTES)}`;
  return `Request body is larger than ${describeBytes(JSON_BODY_LIMIT_BYTES)}`;
}

function titleCase(constant: string): string {
  return constant
    .toLowerCase()
    .split('_')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}

function isJsonSyntaxError(error: unknown): boolean {
  return error instanceof SyntaxError || (error as { type?: string } | undefined)?.type === 'entity.parse.failed';
}
