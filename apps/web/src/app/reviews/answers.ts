import type { ReflectionPrompt } from '@fieldwork/contracts';
import { formatDay } from '@fieldwork/web-core';

export interface AnswerView {
  key: string;
  label: string;
  /** Text to show; null when the student left it empty. */
  text: string | null;
  /** Set for URL answers that can be opened. */
  href: string | null;
  long: boolean;
}

/** A safe http(s) link, or null. */
export function safeHref(value: string | null | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** Each prompt with the student's answer, ready to show. */
export function answerViews(prompts: readonly ReflectionPrompt[], answers: Record<string, string | number | null> | null | undefined): AnswerView[] {
  return prompts.map((prompt) => {
    const raw = answers?.[prompt.key];
    const empty = raw === null || raw === undefined || (typeof raw === 'string' && !raw.trim());
    let text: string | null = empty ? null : String(raw);
    let href: string | null = null;
    if (text !== null) {
      if (prompt.type === 'scale') text = `${text} of 5`;
      else if (prompt.type === 'date') text = formatDay(text) || text;
      else if (prompt.type === 'url') href = safeHref(text);
    }
    return { key: prompt.key, label: prompt.label, text, href, long: prompt.type === 'long_text' };
  });
}
