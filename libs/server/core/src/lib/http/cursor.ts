import { BadRequestException } from '@nestjs/common';

/**
 * Keyset-pagination cursors: the sort key of the last row seen, as opaque
 * base64url JSON. Lists read `WHERE (key…) > (cursor…)` on an index, never OFFSET.
 */
export function encodeCursor(parts: string[]): string {
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

/** Decodes a cursor of `arity` strings; a tampered or stale one is a clear 400. */
export function decodeCursor(text: string, arity: number): string[] {
  try {
    const parts = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (Array.isArray(parts) && parts.length === arity && parts.every((part) => typeof part === 'string')) return parts;
  } catch {
    // fall through
  }
  throw new BadRequestException('cursor is not valid; start again without it');
}

/** A page size from the query string: default 50, at most 200. */
export function pageSize(limit: number | undefined, fallback = 50): number {
  if (limit === undefined || Number.isNaN(limit)) return fallback;
  return Math.min(Math.max(Math.trunc(limit), 1), 200);
}
