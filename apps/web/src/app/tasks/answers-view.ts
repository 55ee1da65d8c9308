import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { Answers, ReflectionPrompt, TaskDetail } from '@fieldwork/contracts';
import { hasAnswer } from '@fieldwork/web-core';

/** Scales as "4 of 5", dates as "March 3, 2026"; the rest as typed. */
function display(prompt: ReflectionPrompt, value: string | number | null | undefined): string | number | null | undefined {
  if (!hasAnswer(value)) return value;
  if (prompt.type === 'scale') return `${value} of 5`;
  const m = prompt.type === 'date' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(value)) : null;
  if (m) {
    return new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])).toLocaleDateString('en-US', {
      month: 'long',
      day: 'numeric',
      year: 'numeric',
    });
  }
  return value;
}

export interface ContactSnapshot {
  name: string;
  organization: string | null;
}

interface Row {
  label: string;
  value: string | null;
  link: boolean;
}

/** A reflection shown read-only: each prompt with its answer, the contact, the evidence. */
@Component({
  selector: 'app-answers-view',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <dl class="reflection-answers">
      @for (row of rows(); track $index) {
        <dt>{{ row.label }}</dt>
        <dd>
          @if (row.value === null) {
            <span class="muted">No answer</span>
          } @else if (row.link) {
            <a [href]="row.value" target="_blank" rel="noopener noreferrer">{{ row.value }}</a>
          } @else {
            <span class="text">{{ row.value }}</span>
          }
        </dd>
      }
    </dl>
  `,
  styles: `
    .reflection-answers {
      margin: 0 0 1rem;
    }
    dt {
      font-weight: 600;
    }
    dd {
      margin: 0.125rem 0 0.875rem;
    }
    .text {
      white-space: pre-wrap;
    }
  `,
})
export class AnswersView {
  /** The task answered: its prompts, whether it asks for a contact, its evidence rule. */
  readonly task = input.required<Pick<TaskDetail, 'prompts' | 'contactRequired' | 'evidence'>>();
  /** A submission, or a draft: a draft has no `contact` (it keeps only the contact's id) and shows no contact row. */
  readonly reflection = input.required<{ answers: Answers; evidence: string | null; contact?: ContactSnapshot | null }>();

  protected readonly rows = computed<Row[]>(() => {
    const task = this.task();
    const reflection = this.reflection();
    const answers = reflection.answers ?? {};
    const rows: Row[] = [];
    const contact = reflection.contact ?? null;
    if ((task.contactRequired && 'contact' in reflection) || contact) {
      rows.push({
        label: 'Contact',
        value: contact ? (contact.organization ? `${contact.name}, ${contact.organization}` : contact.name) : null,
        link: false,
      });
    }
    const known = new Set<string>();
    for (const prompt of task.prompts) {
      known.add(prompt.key);
      rows.push(this.row(prompt.label, display(prompt, answers[prompt.key]), prompt.type === 'url'));
    }
    // Answers to prompts the task no longer lists still belong to the record.
    for (const [key, value] of Object.entries(answers)) {
      if (!known.has(key) && hasAnswer(value)) rows.push(this.row(key, value, false));
    }
    const rule = task.evidence;
    if (rule.kind !== 'none') {
      rows.push(this.row(rule.label || 'Evidence', reflection.evidence, rule.kind === 'url'));
    }
    return rows;
  });

  private row(label: string, value: string | number | null | undefined, url: boolean): Row {
    if (!hasAnswer(value)) return { label, value: null, link: false };
    const text = String(value);
    return { label, value: text, link: url && /^https?:\/\//i.test(text) };
  }
}
