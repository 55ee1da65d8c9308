import { Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';
import { PASSWORD_MIN_LENGTH } from '@fieldwork/contracts';

/** OWASP's argon2id baseline: 19 MiB, 2 iterations, 1 lane. */
const ARGON2_OPTIONS = { type: argon2.argon2id, memoryCost: 19 * 1024, timeCost: 2, parallelism: 1 } as const;
const PASSWORD_MAX_LENGTH = 256;
/** zxcvbn score 3: "safely unguessable", about 10^8 guesses or more. */
const MIN_STRENGTH_SCORE = 3;

const strength = new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs });

@Injectable()
export class Passwords {
  hash(password: string): Promise<string> {
    return argon2.hash(password, ARGON2_OPTIONS);
  }

  async verify(hash: string | null | undefined, password: string): Promise<boolean> {
    if (!hash) {
      // Spend the same time as a real check so unknown accounts are not revealed by timing.
      await argon2.hash(password, ARGON2_OPTIONS);
      return false;
    }
    try {
      return await argon2.verify(hash, password);
    } catch {
      return false;
    }
  }

  /** Problems with a new password, empty when it is acceptable. */
  problems(password: string, personalInputs: string[] = []): string[] {
    if (password.length < PASSWORD_MIN_LENGTH) return [`must be at least ${PASSWORD_MIN_LENGTH} characters`];
    if (password.length > PASSWORD_MAX_LENGTH) return [`must be at most ${PASSWORD_MAX_LENGTH} characters`];
    const result = strength.check(password, personalInputs);
    if (result.score < MIN_STRENGTH_SCORE) {
      return ['is too common or easy to guess: try a phrase of three or four unrelated words'];
    }
    return [];
  }
}
