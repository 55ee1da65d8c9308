import { HttpErrorResponse } from '@angular/common/http';
import {
  NETWORK_ERROR_MESSAGE,
  SERVER_ERROR_MESSAGE,
  THROTTLED_MESSAGE,
  otherFieldProblems,
  readApiError,
} from './api-error';

function httpError(status: number, error: unknown): HttpErrorResponse {
  return new HttpErrorResponse({ status, error, url: '/api/x' });
}

describe('readApiError', () => {
  it('uses the API message', () => {
    const e = readApiError(
      httpError(401, { statusCode: 401, error: 'Unauthorized', message: 'Invalid tenant, email or password' }),
    );
    expect(e).toEqual({ status: 401, message: 'Invalid tenant, email or password', fieldErrors: {} });
  });

  it('turns validation details into per-field sentences', () => {
    const e = readApiError(
      httpError(400, {
        statusCode: 400,
        error: 'Bad Request',
        message: 'Validation failed',
        details: [
          { field: 'password', problems: ['password is too common', 'must be at least 12 characters'] },
          { field: 'token', problems: ['invitation has expired'] },
        ],
      }),
    );
    expect(e.message).toBe('Validation failed');
    expect(e.fieldErrors).toEqual({
      password: 'Password is too common. Must be at least 12 characters.',
      token: 'Invitation has expired.',
    });
    expect(otherFieldProblems(e, ['name', 'password'])).toEqual(['Invitation has expired.']);
  });

  it('joins a list of messages', () => {
    expect(readApiError(httpError(400, { message: ['email must be an email', 'name is required'] })).message).toBe(
      'Email must be an email. Name is required.',
    );
  });

  it('reads a JSON body that arrived as text', () => {
    expect(readApiError(httpError(404, '{"message":"Invitation not found"}')).message).toBe('Invitation not found');
  });

  it('explains network failures, throttling and server errors in plain words', () => {
    expect(readApiError(httpError(0, new ProgressEvent('error'))).message).toBe(NETWORK_ERROR_MESSAGE);
    expect(readApiError(httpError(429, { message: 'ThrottlerException: Too Many Requests' })).message).toBe(
      THROTTLED_MESSAGE,
    );
    expect(readApiError(httpError(429, { message: 'Too many attempts: wait 15 minutes and try again' })).message).toBe(
      'Too many attempts: wait 15 minutes and try again',
    );
    expect(readApiError(httpError(500, { message: 'Internal server error' })).message).toBe(SERVER_ERROR_MESSAGE);
  });

  it('falls back when there is no message', () => {
    expect(readApiError(httpError(403, null)).message).toBe("You don't have access to that.");
    expect(readApiError('weird', 'Could not save.').message).toBe('Could not save.');
    expect(readApiError(new Error('Boom')).message).toBe('Boom');
  });
});
