import { BadRequestException } from '@nestjs/common';

export interface UserCursor {
  name: string;
  id: string;
}

export function encodeCursor(cursor: UserCursor): string {
  return Buffer.from(JSON.stringify([cursor.name, cursor.id])).toString('base64url');
}

export function decodeCursor(text: string): UserCursor {
  try {
    const [name, id] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (typeof name === 'string' && typeof id === 'string' && /^[0-9a-f-]{36}$/i.test(id)) return { name, id };
  } catch {
    // fall through
  }
  throw new BadRequestException('cursor is not valid; start again without it');
}
