import { BadRequestException, ForbiddenException, NotFoundException } from '@nestjs/common';
import { toApiError } from './api-exception.filter';
import { validationFailed } from './validation';

describe('toApiError', () => {
  it('keeps the {statusCode, error, message, details?} shape for HTTP errors', () => {
    expect(toApiError(new NotFoundException('No such person'))).toEqual({ statusCode: 404, error: 'Not Found', message: 'No such person' });
    expect(toApiError(new ForbiddenException())).toMatchObject({ statusCode: 403, error: 'Forbidden' });
    expect(toApiError(validationFailed([{ field: 'email', problems: ['email must be an e-mail address'] }]))).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: 'Invalid email',
      details: [{ field: 'email', problems: ['email must be an e-mail address'] }],
    });
  });

  it('explains malformed JSON and never leaks internals of unexpected errors', () => {
    expect(toApiError(new BadRequestException('Unexpected token', { cause: new SyntaxError('x') })).message).toBe('Request body is not valid JSON');
    expect(toApiError(new Error('password_hash column exploded'))).toEqual({
      statusCode: 500,
      error: 'Internal Server Error',
      message: 'Something went wrong on our side; try again',
    });
  });
});

describe('toApiError for database format errors', () => {
  it('turns a malformed uuid or date refused by PostgreSQL into a 400', () => {
    expect(toApiError(Object.assign(new Error('invalid input syntax for type uuid'), { code: '22P02' })).statusCode).toBe(400);
  });
});
