import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';
import type { ApiError, FieldError } from '@fieldwork/contracts';

/** Every error leaves as {statusCode, error, message, details?}; unexpected ones are logged, never leaked. */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const body = toApiError(exception);
    if (body.statusCode >= 500) this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    if (!response.headersSent) response.status(body.statusCode).json(body);
  }
}

export function toApiError(exception: unknown): ApiError {
  if (exception instanceof HttpException) {
    const statusCode = exception.getStatus();
    const payload = exception.getResponse();
    const error = HttpStatus[statusCode] ? titleCase(HttpStatus[statusCode]) : 'Error';
    if (isJsonSyntaxError(exception.cause)) return { statusCode, error, message: 'Request body is not valid JSON' };
    if (statusCode === 413) return { statusCode, error: 'Payload Too Large', message: 'Request body is larger than 1 MB' };
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
  // PostgreSQL refused a value's format (uuid, timestamp…): the request was malformed, not the server.
  if (['22P02', '22007', '22008'].includes((exception as { code?: string }).code ?? '')) {
    return { statusCode: 400, error: 'Bad Request', message: 'A value in the request is malformed (an id, a date or a cursor)' };
  }
  const status = (exception as { status?: number; type?: string }).status;
  if (status === 413) return { statusCode: 413, error: 'Payload Too Large', message: 'Request body is larger than 1 MB' };
  if (status === 400 && isJsonSyntaxError(exception)) {
    return { statusCode: 400, error: 'Bad Request', message: 'Request body is not valid JSON' };
  }
  return { statusCode: 500, error: 'Internal Server Error', message: 'Something went wrong on our side; try again' };
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
