import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  Injector,
  OnInit,
  afterNextRender,
  computed,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import type { Answers, ReflectionPrompt, Submission, TaskDetail, TaskDraft } from '@fieldwork/contracts';
import {
  CONTACT_FIELD,
  DraftAutosave,
  EVIDENCE_FIELD,
  type ReflectionState,
  type LengthCount,
  SCALE_VALUES,
  TasksService,
  answerField,
  answerMaxLength,
  autosaveMessage,
  draftRequest,
  evidenceMaxLength,
  lengthCount,
  mapReflectionErrors,
  readApiError,
  reflectionErrorSummary,
  reflectionRequest,
  validateReflection,
} from '@fieldwork/web-core';
import { ContactPicker } from './contact-picker';
import { ReflectionTextField } from './reflection-text-field';

const SCALE_WORDS: Record<number, string> = { 1: 'Not at all', 3: 'Somewhat', 5: 'Very much' };

/** The DOM id of a reflection field ('answers.x' → 'rf-x'); radio groups point at their first option. */
export function fieldDomId(field: string, prompts: readonly ReflectionPrompt[]): string {
  if (field === CONTACT_FIELD) return 'rf-contact';
  if (field === EVIDENCE_FIELD) return 'rf-evidence';
  const key = field.startsWith('answers.') ? field.slice('answers.'.length) : field;
  const prompt = prompts.find((p) => p.key === key);
  return prompt && (prompt.type === 'choice' || prompt.type === 'scale') ? `rf-${key}-0` : `rf-${key}`;
}

/**
 * The student's reflection for one task: fields from the task's prompts, the
 * contact, the evidence; saved as a draft as they type; submitted as a version.
 */
@Component({
  selector: 'app-reflection-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ContactPicker, ReflectionTextField],
  templateUrl: './reflection-form.html',
  host: { '(window:beforeunload)': 'onBeforeUnload($event)' },
  styles: `
    :host {
      display: block;
    }
    form > * {
      min-width: 0;
    }
    .scale {
      display: flex;
      gap: 0.5rem;
    }
    .scale .choice-option {
      flex: 1 1 0;
      min-width: 0;
      padding: 0.375rem 0.25rem;
      flex-direction: column;
      align-items: center;
      text-align: center;
      gap: 0.125rem;
    }
    .scale .choice-option span {
      font-size: 0.8rem;
      line-height: 1.2;
      color: var(--fw-muted);
    }
    .submit-row {
      border-top: 1px solid var(--fw-border);
      padding-top: 1rem;
    }
    .autosave {
      flex: 1 1 12rem;
    }
    .char-count {
      margin: 0.25rem 0 0;
      text-align: right;
      font-variant-numeric: tabular-nums;
    }
    .char-count--over {
      color: var(--fw-danger);
      font-weight: 500;
    }
    .autosave--problem {
      color: var(--fw-danger);
      font-weight: 500;
    }
  `,
})
export class ReflectionForm implements OnInit {
  private readonly tasks = inject(TasksService);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);

  readonly task = input.required<TaskDetail>();
  /** Where the form starts: the saved draft, or the last submitted version for a revision. */
  readonly initial = input.required<ReflectionState>();
  readonly submitted = output<Submission>();
  readonly draftSaved = output<TaskDraft>();
  /** The API says the task can no longer be edited (submitted elsewhere, excused…). */
  readonly locked = output<void>();

  protected readonly answerField = answerField;
  protected readonly contactField = CONTACT_FIELD;
  protected readonly evidenceField = EVIDENCE_FIELD;

  protected readonly answers = signal<Answers>({});
  protected readonly contactId = signal<string | null>(null);
  protected readonly evidence = signal<string | null>(null);
  protected readonly errors = signal<Record<string, string>>({});
  protected readonly formError = signal<string | null>(null);
  protected readonly submitting = signal(false);

  protected readonly summary = computed(() => reflectionErrorSummary(this.task(), this.errors()));
  protected readonly state = computed<ReflectionState>(() => ({
    answers: this.answers(),
    contactId: this.contactId(),
    evidence: this.evidence(),
  }));

  readonly autosave = new DraftAutosave({
    save: () => this.tasks.saveDraft(this.task().id, draftRequest(this.task(), this.state())),
    onSaved: (draft) => this.draftSaved.emit(draft),
    onLocked: () => this.locked.emit(),
    // A refused draft names the fields at fault: show them beside the fields (no summary, no focus move).
    onFailed: (err) => {
      const fields = mapReflectionErrors(this.task(), readApiError(err).fieldErrors).fields;
      this.errors.update((current) => ({ ...current, ...fields }));
    },
  });
  protected readonly saveStatus = computed(() => autosaveMessage(this.autosave.state()));
  protected readonly saveProblem = computed(() => ['retrying', 'failed'].includes(this.autosave.state().kind));

  constructor() {
    inject(DestroyRef).onDestroy(() => this.autosave.dispose());
  }

  ngOnInit(): void {
    const start = this.initial();
    this.answers.set({ ...start.answers });
    this.contactId.set(start.contactId);
    this.evidence.set(start.evidence);
  }

  protected answer(key: string): string {
    const value = this.answers()[key];
    return value === null || value === undefined ? '' : String(value);
  }

  /** The prompt's help, plus what 1 and 5 mean unless the prompt already says. */
  protected scaleHint(prompt: ReflectionPrompt): string {
    const text = `${prompt.label} ${prompt.help ?? ''}`;
    const ends = /\b1\s*=/.test(text) ? '' : '1 = not at all, 5 = very much.';
    return [prompt.help ?? '', ends].filter(Boolean).join(' ') || 'Choose a number from 1 to 5.';
  }

  /** A choice's options, or a scale's numbers with the words for 1, 3 and 5. */
  protected radioOptions(prompt: ReflectionPrompt): { value: string | number; word: string | null }[] {
    if (prompt.type === 'scale') return SCALE_VALUES.map((n) => ({ value: n, word: SCALE_WORDS[n] ?? null }));
    return (prompt.options ?? []).map((option) => ({ value: option, word: null }));
  }

  protected error(field: string): string | null {
    return this.errors()[field] ?? null;
  }

  protected describedBy(key: string, help: boolean): string | null {
    const prompt = this.task().prompts.find((p) => p.key === key);
    const ids = [
      help ? `rf-${key}-help` : '',
      prompt && this.countFor(prompt) ? `rf-${key}-count` : '',
      this.error(answerField(key)) ? `rf-${key}-error` : '',
    ].filter(Boolean);
    return ids.length ? ids.join(' ') : null;
  }

  /** "1,950 / 2,000" once a text answer nears the shared limit; a longer paste is kept and counted, never cut. */
  protected countFor(prompt: ReflectionPrompt): LengthCount | null {
    return lengthCount(this.answers()[prompt.key], answerMaxLength(prompt));
  }

  protected readonly evidenceCount = computed(() => lengthCount(this.evidence(), evidenceMaxLength(this.task().evidence.kind)));

  protected setAnswer(key: string, value: string | number | null): void {
    this.answers.update((a) => ({ ...a, [key]: value }));
    this.clearError(answerField(key));
    this.autosave.changed();
  }

  protected setContact(id: string | null): void {
    this.contactId.set(id);
    this.clearError(CONTACT_FIELD);
    this.autosave.changed();
  }

  protected setEvidence(value: string): void {
    this.evidence.set(value);
    this.clearError(EVIDENCE_FIELD);
    this.autosave.changed();
  }

  protected saveNow(): void {
    this.autosave.flush();
  }

  /** Error-summary links move focus to the field (an in-page #link would reload the app). */
  protected goToField(event: Event, field: string): void {
    event.preventDefault();
    const el = this.host.nativeElement.querySelector<HTMLElement>(`#${fieldDomId(field, this.task().prompts)}`);
    el?.focus();
    el?.scrollIntoView?.({ block: 'center' });
  }

  protected submit(event?: Event): void {
    event?.preventDefault();
    if (this.submitting()) return;
    const task = this.task();
    this.formError.set(null);
    const problems = validateReflection(task, this.state());
    if (Object.keys(problems).length) {
      this.errors.set(problems);
      this.focusProblem();
      return;
    }
    this.errors.set({});
    this.autosave.pause();
    this.submitting.set(true);
    this.tasks.submit(task.id, reflectionRequest(task, this.state())).subscribe({
      next: (submission) => {
        this.submitting.set(false);
        this.autosave.dispose();
        this.submitted.emit(submission);
      },
      error: (err: unknown) => {
        this.submitting.set(false);
        const problem = readApiError(err, 'Could not submit your reflection. Your draft is saved; please try again.');
        const mapped = mapReflectionErrors(task, problem.fieldErrors);
        this.errors.set(mapped.fields);
        if (problem.status === 409) {
          this.formError.set(
            `${problem.message} This task can’t take a new submission right now — reload the page to see where it stands.`,
          );
        } else {
          const lead = Object.keys(mapped.fields).length && problem.status === 400 ? 'Please fix the problems below.' : problem.message;
          this.formError.set([lead, ...mapped.other].join(' '));
        }
        this.autosave.resume();
        this.focusProblem();
        if (problem.status === 409) this.locked.emit();
      },
    });
  }

  protected onBeforeUnload(event: BeforeUnloadEvent): void {
    if (!this.autosave.hasUnsavedChanges) return;
    this.autosave.flush();
    event.preventDefault();
  }

  private clearError(field: string): void {
    if (!(field in this.errors())) return;
    this.errors.update((e) => {
      const next = { ...e };
      delete next[field];
      return next;
    });
  }

  private focusProblem(): void {
    afterNextRender(
      () => {
        const box = this.host.nativeElement.querySelector<HTMLElement>('#rf-problems');
        box?.focus();
        box?.scrollIntoView?.({ block: 'start' });
      },
      { injector: this.injector },
    );
  }
}
