import type { NextFunction, Request, Response } from 'express';
import { toApiError } from './api-exception.filter';
import { MAX_JSON_DEPTH, describeBytes, findInputProblem, inputGuard, inputProblemError } from './input-guard';

function run(req: Partial<Request>): unknown {
  let passed: unknown = 'not called';
  inputGuard()({ query: {}, path: '/api/x', ...req } as Request, {} as Response, ((error?: unknown) => (passed = error)) as NextFunction);
  return passed;
}

describe('input guard', () => {
  it('finds a NUL anywhere in a body, naming the field by its path', () => {
    expect(findInputProblem({ name: 'Ada\u0000' })).toEqual({ kind: 'nul', field: 'name' });
    expect(findInputProblem({ answers: { story: 'ok', why: 'a\u0000b' } })).toEqual({ kind: 'nul', field: 'answers.why' });
    expect(findInputProblem({ prompts: [{ label: 'x' }, { options: ['a', '\u0000'] }] })).toEqual({ kind: 'nul', field: 'prompts[1].options[1]' });
    expect(findInputProblem({ ['k\u0000']: 1 })).toEqual({ kind: 'nul', field: 'body (a key)' });
    expect(findInputProblem({ name: 'Ada', tags: ['a', 'b'], n: 3, ok: true, none: null })).toBeNull();
  });

  it('refuses nesting deeper than the limit without recursion', () => {
    let deep: unknown = [];
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findInputProblem(deep)).toEqual({ kind: 'depth' });
    let fine: unknown = 'leaf';
    for (let i = 0; i < MAX_JSON_DEPTH; i++) fine = { a: fine };
    expect(findInputProblem(fine)).toBeNull();
    expect(findInputProblem({ a: fine })).toEqual({ kind: 'depth' });
  });

  it('answers 400 "JSON is nested too deeply" and "must not contain the NUL character" through the filter', () => {
    const deep = JSON.parse('['.repeat(10_000) + ']'.repeat(10_000));
    expect(toApiError(run({ body: deep }))).toMatchObject({ statusCode: 400, message: expect.stringMatching(/^JSON is nested too deeply/) });
    expect(toApiError(run({ body: { email: 'a@b.test', password: 'x\u0000' } }))).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: 'Invalid password: must not contain the NUL character',
      details: [{ field: 'password', problems: ['password must not contain the NUL character'] }],
    });
    expect(toApiError(run({ query: { q: '\u0000' } }))).toMatchObject({ statusCode: 400, details: [{ field: 'q' }] });
    expect(toApiError(run({ path: '/api/contacts/%00' }))).toMatchObject({ statusCode: 400, details: [{ field: 'path' }] });
    expect(run({ body: { name: 'Ada' }, query: { q: 'ada' } })).toBeUndefined();
  });

  it('describes byte limits as people read them', () => {
    expect(describeBytes(1024 * 1024)).toBe('1 MB');
    expect(describeBytes(5 * 1024 * 1024)).toBe('5 MB');
    expect(describeBytes(2048)).toBe('2 KB');
  });
});

describe('413 answers name the limit that applied', () => {
  it('says 1 MB for a JSON body and 5 MB for an uploaded file', async () => {
    const { PayloadTooLargeException } = await import('@nestjs/common');
    expect(toApiError(Object.assign(new Error('request entity too large'), { status: 413, type: 'entity.too.large', expose: true })).message).toBe(
      'Request body is larger than 1 MB',
    );
    expect(toApiError(new PayloadTooLargeException('File too large')).message).toBe('The file is larger than 5 MB');
  });

  it('keeps other body-parser refusals as their 4xx', () => {
    expect(toApiError(Object.assign(new Error('unsupported charset "UTF-7"'), { status: 415, type: 'charset.unsupported', expose: true }))).toEqual({
      statusCode: 415,
      error: 'Unsupported Media Type',
      message: 'unsupported charset "UTF-7"',
    });
  });
});

describe('half a surrogate pair', () => {
  it('is refused in values and keys, naming the field; whole pairs (emoji) pass', () => {
    expect(findInputProblem({ email: '\ud800' })).toEqual({ kind: 'surrogate', field: 'email' });
    expect(findInputProblem({ answers: { q1: 'ok \udc00 then' } })).toEqual({ kind: 'surrogate', field: 'answers.q1' });
    expect(findInputProblem({ ['k\ud83d']: 1 })).toEqual({ kind: 'surrogate', field: 'body (a key)' });
    expect(findInputProblem({ name: 'Ana 👋🏽 Öz' })).toBeNull();
    const error = inputProblemError({ kind: 'surrogate', field: 'email' }).getResponse() as { message: string; details: unknown[] };
    expect(error.message).toBe('Invalid email: must be valid Unicode text (it has half of a surrogate pair)');
  });
});
