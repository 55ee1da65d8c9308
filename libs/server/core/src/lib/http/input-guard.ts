import { BadRequestException } from '@nestjs/common';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { ROSTER_MAX_BYTES, type FieldError } from '@fieldwork/contracts';

/** Deepest nesting of arrays and objects a JSON body may have; real requests use 4 or 5 levels. */
export const MAX_JSON_DEPTH = 32;

/** The body-parser limit of JSON request bodies. */
export const JSON_BODY_LIMIT_BYTES = 1024 * 1024;

/** The largest file an upload (a roster CSV) may be. */
export const UPLOAD_LIMIT_BYTES = ROSTER_MAX_BYTES;

export const NUL_PROBLEM = 'must not contain the NUL character';
export const SURROGATE_PROBLEM = 'must be valid Unicode text (it has half of a surrogate pair)';

/** Half of a UTF-16 surrogate pair: not text (it can't be stored or encoded), and some validators throw on it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
export const TOO_DEEP_MESSAGE = `JSON is nested too deeply (at most ${MAX_JSON_DEPTH} levels)`;

/** "1 MB", "5 MB": a byte limit as people read it. */
export function describeBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${+(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${+(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} bytes`;
}

export type InputProblem = { kind: 'depth' } | { kind: 'nul' | 'surrogate'; field: string };

/**
 * Walks a parsed value without recursion (a 10,000-level array cannot blow the
 * stack here) and returns the first problem: nesting deeper than `maxDepth`,
 * or a NUL character or half a surrogate pair in a string or a key, named by its path (`answers.q1`,
 * `prompts[0].label`).
 */
export function findInputProblem(value: unknown, root = '', maxDepth = MAX_JSON_DEPTH): InputProblem | null {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: root, depth: 0 }];
  while (stack.length) {
    const node = stack.pop() as { value: unknown; path: string; depth: number };
    if (typeof node.value === 'string') {
      if (node.value.includes('\u0000')) return { kind: 'nul', field: node.path || 'body' };
      if (LONE_SURROGATE.test(node.value)) return { kind: 'surrogate', field: node.path || 'body' };
      continue;
    }
    if (node.value === null || typeof node.value !== 'object') continue;
    if (node.depth >= maxDepth) return { kind: 'depth' };
    if (Array.isArray(node.value)) {
      for (let index = node.value.length - 1; index >= 0; index--) {
        stack.push({ value: node.value[index], path: `${node.path}[${index}]`, depth: node.depth + 1 });
      }
      continue;
    }
    const entries = Object.entries(node.value as Record<string, unknown>);
    for (let index = entries.length - 1; index >= 0; index--) {
      const [key, child] = entries[index];
      const path = node.path ? `${node.path}.${key}` : key;
      if (key.includes('\u0000')) return { kind: 'nul', field: node.path ? `${node.path} (a key)` : 'body (a key)' };
      if (LONE_SURROGATE.test(key)) return { kind: 'surrogate', field: node.path ? `${node.path} (a key)` : 'body (a key)' };
      stack.push({ value: child, path, depth: node.depth + 1 });
    }
  }
  return null;
}

/** The 400 for a problem found in the input, in the API's {message, details} shape. */
export function inputProblemError(problem: InputProblem): BadRequestException {
  if (problem.kind === 'depth') {
    return new BadRequestException({ statusCode: 400, error: 'Bad Request', message: TOO_DEEP_MESSAGE });
  }
  const text = problem.kind === 'nul' ? NUL_PROBLEM : SURROGATE_PROBLEM;
  const details: FieldError[] = [{ field: problem.field, problems: [`${problem.field} ${text}`] }];
  return new BadRequestException({ statusCode: 400, error: 'Bad Request', message: `Invalid ${problem.field}: ${text}`, details });
}

/**
 * Express middleware run after the JSON body parser and before any route,
 * guard, pipe or class-transformer: refuses bodies nested deeper than
 * MAX_JSON_DEPTH and any NUL character in the body, the query string or the
 * path — on every endpoint, signed in or not.
 */
export function inputGuard(): RequestHandler {
  return (req: Request, _res: Response, next: NextFunction) => {
    const problem = findRequestProblem(req);
    next(problem ? inputProblemError(problem) : undefined);
  };
}

function findRequestProblem(req: Request): InputProblem | null {
  if (req.body !== undefined && req.body !== null && typeof req.body === 'object') {
    const inBody = findInputProblem(req.body);
    if (inBody) return inBody;
  }
  // The query string: flat strings (or arrays of them) named by their parameter.
  const inQuery = findInputProblem(req.query);
  if (inQuery) return inQuery;
  if (/%00/.test(req.path) || req.path.includes('\u0000')) return { kind: 'nul', field: 'path' };
  return null;
}
