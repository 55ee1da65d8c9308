import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  inject,
  signal,
} from '@angular/core';
import { Title } from '@angular/platform-browser';
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
import { Subscription } from 'rxjs';
import { TemplatePreview } from '../templates/template-preview';
import { DueInput, MAX_DUE_DAYS, dueDayHelp, readDue } from './due-rule';

export const DEFAULT_DUE_DAYS = 14;

/** Templates by category, in the curriculum's order, only non-empty groups. */
export function groupByCategory(templates: readonly Template[]): { category: TemplateCategory; label: string; templates: Template[] }[] {
  return TEMPLATE_CATEGORIES.map((category) => ({
    category,
    label: CATEGORY_LABELS[category],
    templates: templates.filter((t) => t.category === category).sort((a, b) => a.title.localeCompare(b.title)),
  })).filter((group) => group.templates.length);
}

type Field = 'templateId' | 'opensAt' | 'dueAt' | 'dueDaysAfterJoin';

/** The API's field names (local days) to this form's fields. */
const API_FIELDS: Record<string, Field> = {
  templateId: 'templateId',
  opensOn: 'opensAt',
  opensAt: 'opensAt',
  dueOn: 'dueAt',
  dueAt: 'dueAt',
  dueDaysAfterJoin: 'dueDaysAfterJoin',
};

/** What the API says when the template is already live in the cohort (409 `duplicate_assignment`). */
interface DuplicateAssignment {
  existing?: { id: string; title: string };
}

/** Give a cohort a template: every student gets a task, and so does every later joiner. */
@Component({
  selector: 'app-assign-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, TemplatePreview],
  templateUrl: './assign-page.html',
})
export class AssignPage {
  private readonly cohortsApi = inject(CohortsService);
  private readonly templatesApi = inject(TemplatesService);
  private readonly assignmentsApi = inject(AssignmentsService);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);
  private readonly title = inject(Title);
  private readonly time = inject(TenantTime);
  private readonly subscriptions: Subscription[] = [];

  protected readonly maxDays = MAX_DUE_DAYS;
  protected readonly cohortId = inject(ActivatedRoute).snapshot.paramMap.get('id') ?? '';
  protected readonly cohort = signal<CohortDetail | null>(null);
  protected readonly templates = signal<Template[]>([]);
  protected readonly loading = signal(true);
  protected readonly loadError = signal<string | null>(null);

  protected readonly templateId = signal<string | null>(null);
  /** The career center's zone: the days below are its days. */
  protected readonly zone = this.time.zone;
  protected readonly opensOn = signal(this.time.today());
  protected readonly due = signal<DueInput>({ mode: 'fixed', date: this.time.today(DEFAULT_DUE_DAYS), days: String(DEFAULT_DUE_DAYS) });
  protected readonly errors = signal<Partial<Record<Field, string>>>({});
  protected readonly formError = signal<string | null>(null);
  protected readonly pending = signal(false);
  protected readonly done = signal<{ taskCount: number; title: string } | null>(null);
  /** Set when the API found the template already live in this cohort: ask before assigning it again. */
  protected readonly duplicate = signal<{ title: string } | null>(null);
  protected readonly dueHelp = computed(() => {
    const d = this.due();
    return d.mode === 'fixed' ? dueDayHelp(d.date, this.zone()) : '';
  });

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
          this.title.setTitle(`Assign homework to ${cohort.name} · Fieldwork`);
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

  protected choose(id: string): void {
    this.templateId.set(id);
    this.errors.update((e) => ({ ...e, templateId: undefined }));
  }

  protected setOpens(event: Event): void {
    this.opensOn.set((event.target as HTMLInputElement).value);
  }

  protected setDue(patch: Partial<DueInput>): void {
    this.due.update((current) => ({ ...current, ...patch }));
  }

  protected value(event: Event): string {
    return (event.target as HTMLInputElement).value;
  }

  protected submit(allowDuplicate = false): void {
    this.formError.set(null);
    this.duplicate.set(null);
    const errors: Partial<Record<Field, string>> = {};
    const template = this.selected();
    if (!template) errors.templateId = 'Choose a template.';
    const opensOn = this.opensOn();
    const opensOk = isLocalDay(opensOn);
    if (!opensOk) errors.opensAt = 'Choose the day the homework opens.';
    const due = readDue(this.due(), opensOk ? opensOn : undefined);
    if (!due.ok) errors[due.field] = due.message;
    this.errors.set(errors);
    if (!template || !opensOk || !due.ok) {
      this.focusFirstError();
      return;
    }
    if (this.pending()) return;
    this.pending.set(true);
    // Local days of the career center: the API makes them its start of day / 23:59:59 there.
    const request: CreateAssignmentRequest = {
      templateId: template.id,
      cohortId: this.cohortId,
      opensOn,
      ...due.value,
      ...(allowDuplicate ? { allowDuplicate: true } : {}),
    };
    this.assignmentsApi.create(request).subscribe({
      next: (result) => {
        this.pending.set(false);
        this.done.set({ taskCount: result.taskCount, title: template.title });
        afterNextRender(() => this.host.nativeElement.querySelector<HTMLElement>('#assign-done')?.focus(), {
          injector: this.injector,
        });
      },
      error: (err: unknown) => {
        this.pending.set(false);
        const duplicate = apiErrorWithCode<DuplicateAssignment>(err, 'duplicate_assignment');
        if (duplicate && !allowDuplicate) {
          this.duplicate.set({ title: duplicate.existing?.title ?? template.title });
          afterNextRender(() => this.host.nativeElement.querySelector<HTMLElement>('#assign-duplicate')?.focus(), {
            injector: this.injector,
          });
          return;
        }
        const problem = readApiError(err, 'Could not assign the homework. Please try again.');
        const placed: Partial<Record<Field, string>> = {};
        const others: string[] = [];
        for (const [apiField, text] of Object.entries(problem.fieldErrors)) {
          const field = API_FIELDS[apiField];
          if (field) placed[field] = placed[field] ? `${placed[field]} ${text}` : text;
          else others.push(text);
        }
        this.errors.set(placed);
        this.formError.set([problem.message, ...others].join(' '));
        this.focusFirstError('#assign-error');
      },
    });
  }

  /** The advisor confirmed: assign the template again although it is live in the cohort. */
  protected assignAgain(): void {
    this.submit(true);
  }

  protected keepExisting(): void {
    this.duplicate.set(null);
    afterNextRender(() => this.host.nativeElement.querySelector<HTMLElement>('button[type=submit]')?.focus(), {
      injector: this.injector,
    });
  }

  protected again(): void {
    this.done.set(null);
    this.templateId.set(null);
    afterNextRender(() => this.host.nativeElement.querySelector<HTMLElement>('input[name=template]')?.focus(), {
      injector: this.injector,
    });
  }

  private focusFirstError(fallback?: string): void {
    afterNextRender(
      () => {
        const root = this.host.nativeElement;
        const target =
          root.querySelector<HTMLElement>('[aria-invalid="true"]') ?? (fallback ? root.querySelector<HTMLElement>(fallback) : null);
        target?.focus();
      },
      { injector: this.injector },
    );
  }
}
