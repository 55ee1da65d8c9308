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
/** Words every password is checked against, whoever sets it: the product's own name. */
const PRODUCT_WORDS = ['fieldwork'];
/** Shorter pieces of a name or address ("al", "jo") are too common to refuse. */
const MIN_PERSONAL_WORD = 3;
/** What a letter may be written as (leetspeak), for finding personal words inside a password. */
const LOOKALIKES: Record<string, string> = {
  a: 'a4@',
  b: 'b8',
  e: 'e3',
  g: 'g9',
  i: 'i1!|',
  l: 'l1!|',
  o: 'o0',
  s: 's5$',
  t: 't7+',
  z: 'z2',
};

export const TOO_COMMON = 'is too common or easy to guess: try a phrase of three or four unrelated words';
export const TOO_PERSONAL =
  'is built from Fieldwork’s name, your career center’s name or your own name or e-mail: try a phrase of three or four unrelated words';

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

  /**
   * Problems with a new password, empty when it is acceptable. `personalInputs` are the
   * person's name and e-mail and the career center's name and slug: a password is refused
   * when it is weak once those words (and "fieldwork"), however capitalised or written in
   * leetspeak, are taken out of it.
   */
  problems(password: string, personalInputs: string[] = []): string[] {
    if (password.length < PASSWORD_MIN_LENGTH) return [`must be at least ${PASSWORD_MIN_LENGTH} characters`];
    if (password.length > PASSWORD_MAX_LENGTH) return [`must be at most ${PASSWORD_MAX_LENGTH} characters`];
    const words = personalWords([...PRODUCT_WORDS, ...personalInputs]);
    const whole = strength.check(password, [...words, ...personalInputs]);
    if (whole.score < MIN_STRENGTH_SCORE) return [usesPersonalWords(password, words) ? TOO_PERSONAL : TOO_COMMON];
    const rest = withoutPersonalWords(password, words);
    if (rest !== password && strength.check(rest, words).score < MIN_STRENGTH_SCORE) return [TOO_PERSONAL];
    return [];
  }
}

/** "Ada Lovelace", "ada.lovelace@state.edu", "t-3f9" → ada, lovelace, state, edu…, each at least three characters (numbers at least five). */
export function personalWords(inputs: string[]): string[] {
  const words = new Set<string>();
  for (const input of inputs) {
    for (const word of input.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
      // A short number ("2026", "42") is anyone's; a long one (a slug's "4243953883", a student id) is theirs.
      if (word.length >= MIN_PERSONAL_WORD && (!/^\d+$/.test(word) || word.length >= 5)) words.add(word);
    }
  }
  // Longest first, so "lovelace" goes before "love".
  return [...words].sort((a, b) => b.length - a.length);
}

function lookalikePattern(word: string): RegExp {
  const pattern = [...word].map((char) => `[${escapeClass(LOOKALIKES[char] ?? char)}]`).join('');
  return new RegExp(pattern, 'giu');
}

function escapeClass(chars: string): string {
  return chars.replace(/[\\\]^-]/g, (match) => `\\${match}`);
}

function usesPersonalWords(password: string, words: string[]): boolean {
  return words.some((word) => lookalikePattern(word).test(password));
}

function withoutPersonalWords(password: string, words: string[]): string {
  return words.reduce((rest, word) => rest.replace(lookalikePattern(word), ''), password);
}
