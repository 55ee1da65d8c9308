import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { AbstractControl, FormBuilder, ReactiveFormsModule, ValidationErrors, Validators } from '@angular/forms';
import { ActivatedRoute, RouterLink } from '@angular/router';
import {
  CATEGORY_LABELS,
  TEMPLATE_CATEGORIES,
  type CohortDetail,
  type CreateAssignmentRequest,
  type Template,
  type TemplateCategory,
} from '@fieldwork/contracts';
import {
  AssignmentsService,
  CohortsService,
  TemplatesService,
  TenantTime,
  apiErrorWithCode,
  isLocalDay,
  readApiError,
} from '@fieldwork/web-core';
import { ErrorMessages, FwAlert, FwControl, FwField, FwSubmitActions, RequestErrors, controlError, pageFocus, pageTitle } from '@fieldwork/web-ui';
import { Subscription } from 'rxjs';
import { TemplatePreview } from '../templates/template-preview';
import { DueFields, dueChoice, dueRuleValidator } from './due-fields';
import { DueMode, dueDayHelp } from './due-rule';

export const DEFAULT_DUE_DAYS = 14;

/** Templates by category, in the curriculum's order, only non-empty groups. */
export function groupByCategory(templates: readonly Template[]): { category: TemplateCategory; label: string; templates: Template[] }[] {
  return TEMPLATE_CATEGORIES.map((category) => ({
    category,
    label: CATEGORY_LABELS[category],
    templates: templates.filter((t) => t.category === category).sort((a, b) => a.title.localeCompare(b.title)),
  })).filter((group) => group.templates.length);
}

type Field = 'templateId' | 'opensOn' | 'dueDate' | 'dueDays';

/** The API's field names (local days) to this form's fields. */
const API_FIELDS: Record<string, Field> = {
  templateId: 'templateId',
  opensOn: 'opensOn',
  opensAt: 'opensOn',
  dueOn: 'dueDate',
  dueAt: 'dueDate',
  dueDaysAfterJoin: 'dueDays',
};

/** The form's opening day, when it is a day (the due date may not be before it). */
function openingDay(group: AbstractControl): string | undefined {
  const day = group.get('opensOn')?.value as string;
  return isLocalDay(day) ? day : undefined;
}

/** A YYYY-MM-DD day (error key `required`). */
function localDay(control: AbstractControl<string>): ValidationErrors | null {
  return isLocalDay(control.value) ? null : { required: true };
}

/** What the API says when the template is already live in the cohort (409 `duplicate_assignment`). */
interface DuplicateAssignment {
  existing?: { id: string; title: string };
}

/** Give a cohort a template: every student gets a task, and so does every later joiner. */
@Component({
  selector: 'app-assign-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, TemplatePreview, ReactiveFormsModule, FwField, FwControl, FwAlert, FwSubmitActions, DueFields],
  templateUrl: './assign-page.html',
})
export class AssignPage {
  private readonly cohortsApi = inject(CohortsService);
  private readonly templatesApi = inject(TemplatesService);
  private readonly assignmentsApi = inject(AssignmentsService);
  private readonly focus = pageFocus();
  private readonly setTitle = pageTitle();
  private readonly time = inject(TenantTime);
  private readonly subscriptions: Subscription[] = [];

  protected readonly cohortId = inject(ActivatedRoute).snapshot.paramMap.get('id') ?? '';
  protected readonly cohort = signal<CohortDetail | null>(null);
  protected readonly templates = signal<Template[]>([]);
  protected readonly loading = signal(true);
  protected readonly loadError = signal<string | null>(null);

  /** The career center's zone: the days below are its days. */
  protected readonly zone = this.time.zone;
  protected readonly form = inject(FormBuilder).nonNullable.group(
    {
      templateId: ['', Validators.required],
      opensOn: [this.time.today(), localDay],
      dueMode: ['fixed' as DueMode],
      dueDate: [this.time.today(DEFAULT_DUE_DAYS)],
      dueDays: [DEFAULT_DUE_DAYS as number | null],
    },
    { validators: dueRuleValidator(openingDay) },
  );
  protected readonly templateMessages: ErrorMessages = { required: 'Choose a template.' };
  protected readonly opensMessages: ErrorMessages = { required: 'Choose the day the homework opens.' };
  protected readonly errors = new RequestErrors(Object.values(API_FIELDS));
  protected readonly pending = signal(false);
  private readonly templateId = toSignal(this.form.controls.templateId.valueChanges, { initialValue: '' });
  protected readonly done = signal<{ taskCount: number; title: string } | null>(null);
  /** Set when the API found the template already live in this cohort: ask before assigning it again. */
  protected readonly duplicate = signal<{ title: string } | null>(null);

  protected readonly groups = computed(() => groupByCategory(this.templates()));
  protected readonly selected = computed(() => this.templates().find((t) => t.id === this.templateId()) ?? null);

  constructor() {
    this.load();
    inject(DestroyRef).onDestroy(() => this.subscriptions.forEach((s) => s.unsubscribe()));
  }

  protected load(): void {
    this.loading.set(true);
    this.loadError.set(null);
    let pending = 2;
    const finish = () => {
      if (--pending === 0) this.loading.set(false);
    };
    const fail = (err: unknown) => {
      this.loadError.set(readApiError(err, 'Could not load this page.').message);
      this.loading.set(false);
    };
    this.subscriptions.push(
      this.cohortsApi.get(this.cohortId).subscribe({
        next: (cohort) => {
          this.cohort.set(cohort);
          this.setTitle(`Assign homework to ${cohort.name}`);
          finish();
        },
        error: fail,
      }),
      this.templatesApi.listAll({ archived: false }).subscribe({
        next: (templates) => {
          this.templates.set(templates);
          finish();
        },
        error: fail,
      }),
    );
  }

  /** "Due Dec 10 (end of day, America/New_York)", else what a due day means there. */
  protected dueHelp(): string {
    return dueDayHelp(this.form.controls.dueDate.value, this.zone()) || `Due at the end of that day, ${this.zone()}.`;
  }

  /** The template's error: the form's own after a submit, else the server's. */
  protected templateError(submitted: boolean): string | null {
    return (submitted ? controlError(this.form.controls.templateId, this.templateMessages) : null) ?? this.errors.fields()['templateId'] ?? null;
  }

  protected submit(allowDuplicate = false): void {
    this.errors.clear();
    this.duplicate.set(null);
    const template = this.selected();
    if (!this.focus.canSubmit(this.form, this.pending()) || !template) return;
    const value = this.form.getRawValue();
    const due = dueChoice(value, value.opensOn);
    if (!due) return; // the form's validator has said so already
    this.pending.set(true);
    // Local days of the career center: the API makes them its start of day / 23:59:59 there.
    const request: CreateAssignmentRequest = {
      templateId: template.id,
      cohortId: this.cohortId,
      opensOn: value.opensOn,
      ...due,
      ...(allowDuplicate ? { allowDuplicate: true } : {}),
    };
    this.assignmentsApi.create(request).subscribe({
      next: (result) => {
        this.pending.set(false);
        this.done.set({ taskCount: result.taskCount, title: template.title });
        this.focus.after('#assign-done');
      },
      error: (err: unknown) => {
        this.pending.set(false);
        const duplicate = apiErrorWithCode<DuplicateAssignment>(err, 'duplicate_assignment');
        if (duplicate && !allowDuplicate) {
          this.duplicate.set({ title: duplicate.existing?.title ?? template.title });
          this.focus.after('#assign-duplicate');
          return;
        }
        const problem = readApiError(err, 'Could not assign the homework. Please try again.');
        // Two API names can point at one field (opensOn/opensAt): their words go together.
        const placed: Record<string, string> = {};
        for (const [apiField, text] of Object.entries(problem.fieldErrors)) {
          const field = API_FIELDS[apiField] ?? apiField;
          placed[field] = placed[field] ? `${placed[field]} ${text}` : text;
        }
        this.errors.show({ message: problem.message, fieldErrors: placed });
        this.focus.after('[aria-invalid="true"], #assign-error');
      },
    });
  }

  /** The advisor confirmed: assign the template again although it is live in the cohort. */
  protected assignAgain(): void {
    this.submit(true);
  }

  protected keepExisting(): void {
    this.duplicate.set(null);
    this.focus.after('button[type=submit]');
  }

  protected again(): void {
    this.done.set(null);
    this.form.controls.templateId.setValue('');
    this.focus.after('input[name=templateId]');
  }
}
