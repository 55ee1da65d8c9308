import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { Title } from '@angular/platform-browser';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import {
  CATEGORY_INTERACTION_KIND,
  CATEGORY_LABELS,
  INTERACTION_KINDS,
  INTERACTION_LABELS,
  PROMPT_TYPES,
  TEMPLATE_CATEGORIES,
  TEMPLATE_LIMITS,
  type EvidenceRule,
  type InteractionKind,
  type PromptType,
  type Template,
  type TemplateCategory,
} from '@fieldwork/contracts';
import {
  EVIDENCE_KIND_LABELS,
  FlashService,
  PROMPT_TYPE_LABELS,
  TemplatesService,
  blankCriterion,
  blankLevel,
  blankPrompt,
  draftToInput,
  draftUid,
  moveItem,
  newTemplateDraft,
  normalizeProblems,
  readApiError,
  templateToDraft,
  unplacedProblems,
  validateTemplate,
  withLabel,
  type CriterionDraft,
  type FieldProblems,
  type PromptDraft,
  type TemplateDraft,
} from '@fieldwork/web-core';
import { FwAlert, FwControl, FwField, FwMarkdown, FwStatusBadge, FwSubmitActions, pageFocus } from '@fieldwork/web-ui';

/** Create or edit a homework template: prompts, evidence, contact rule and rubric. */
@Component({
  selector: 'app-template-editor',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, FwMarkdown, FwAlert, FwField, FwControl, FwStatusBadge, FwSubmitActions],
  templateUrl: './template-editor.html',
  styleUrl: './template-editor.css',
})
export class TemplateEditor {
  private readonly templatesApi = inject(TemplatesService);
  private readonly flashes = inject(FlashService);
  private readonly router = inject(Router);
  private readonly title = inject(Title);
  private readonly focus = pageFocus();

  /** The API's limits, for the number fields' min and max. */
  protected readonly limits = TEMPLATE_LIMITS;
  protected readonly categories = TEMPLATE_CATEGORIES.map((value) => ({ value, label: CATEGORY_LABELS[value] }));
  protected readonly promptTypes = PROMPT_TYPES.map((value) => ({ value, label: PROMPT_TYPE_LABELS[value] }));
  protected readonly interactionKinds = INTERACTION_KINDS.map((value) => ({ value, label: INTERACTION_LABELS[value] }));
  /** "By category (Informational interview)": what null means for the chosen category. */
  protected readonly byCategoryLabel = computed(
    () => `By category (${INTERACTION_LABELS[CATEGORY_INTERACTION_KIND[this.draft().category]]})`,
  );
  protected readonly evidenceKinds = (['none', 'url', 'text'] as const).map((value) => ({ value, label: EVIDENCE_KIND_LABELS[value] }));

  protected readonly id = inject(ActivatedRoute).snapshot.paramMap.get('id');
  protected readonly draft = signal<TemplateDraft>(newTemplateDraft());
  protected readonly archived = signal(false);
  protected readonly loading = signal(!!this.id);
  protected readonly loadError = signal<string | null>(null);
  protected readonly attempted = signal(false);
  protected readonly serverProblems = signal<FieldProblems>({});
  protected readonly formError = signal<string | null>(null);
  protected readonly pending = signal(false);
  protected readonly status = signal('');
  protected readonly showPreview = signal(false);

  protected readonly clientProblems = computed(() => (this.attempted() ? validateTemplate(draftToInput(this.draft())) : {}));
  protected readonly problems = computed<FieldProblems>(() => ({ ...this.serverProblems(), ...this.clientProblems() }));
  protected readonly problemCount = computed(() => Object.keys(this.problems()).length);
  protected readonly placedCount = computed(() => this.problemCount() - this.unplaced().length);
  protected readonly unplaced = computed(() => unplacedProblems(this.problems(), (path) => this.shown(path)));
  protected readonly evidenceError = computed(() => {
    const p = this.problems();
    return [p['evidence'], p['evidence.kind'], p['evidence.required']].filter(Boolean).join(' ') || null;
  });

  constructor() {
    if (this.id) this.load(this.id);
  }

  protected load(id: string): void {
    this.loading.set(true);
    this.loadError.set(null);
    this.templatesApi.get(id).subscribe({
      next: (template) => this.takeTemplate(template),
      error: (err: unknown) => {
        this.loading.set(false);
        this.loadError.set(readApiError(err, 'Could not load this template.').message);
      },
    });
  }

  protected err(path: string): string | null {
    return this.problems()[path] ?? null;
  }

  /** aria-describedby for a field: its hint and/or its error. */
  protected text(event: Event): string {
    return (event.target as HTMLInputElement).value;
  }

  protected checked(event: Event): boolean {
    return (event.target as HTMLInputElement).checked;
  }

  /** Whether the form shows a problem at this path next to a field (else it goes to the summary). */
  private shown(path: string): boolean {
    const d = this.draft();
    if (['title', 'category', 'instructions', 'estimatedMinutes', 'prompts', 'rubric', 'interactionKind'].includes(path)) return true;
    if (path === 'evidence.label') return d.evidence.kind !== 'none';
    if (['evidence', 'evidence.kind', 'evidence.required'].includes(path)) return true;
    const prompt = /^prompts\[(\d+)\]\.(label|key|type|help|options)(\[(\d+)\])?$/.exec(path);
    if (prompt) {
      const p = d.prompts[Number(prompt[1])];
      if (!p) return false;
      if (prompt[2] === 'options') return p.type === 'choice' && (prompt[4] === undefined || !!p.options[Number(prompt[4])]);
      return prompt[3] === undefined;
    }
    const rubric = /^rubric\[(\d+)\]\.(label|key|levels)(?:\[(\d+)\]\.(label|points))?$/.exec(path);
    if (rubric) {
      const c = d.rubricEnabled ? d.rubric[Number(rubric[1])] : undefined;
      return !!c && (rubric[3] === undefined || !!c.levels[Number(rubric[3])]);
    }
    return false;
  }

  // ---------- top-level fields ----------

  protected set<K extends 'title' | 'instructions' | 'estimatedMinutes' | 'contactRequired'>(key: K, value: TemplateDraft[K]): void {
    this.draft.update((d) => ({ ...d, [key]: value }));
    this.clearServer(key);
  }

  protected setCategory(event: Event): void {
    this.draft.update((d) => ({ ...d, category: this.text(event) as TemplateCategory }));
  }

  /** '' is "By category": the API picks the kind from the template's category. */
  protected setInteractionKind(event: Event): void {
    const value = this.text(event);
    const kind = (INTERACTION_KINDS as readonly string[]).includes(value) ? (value as InteractionKind) : null;
    this.draft.update((d) => ({ ...d, interactionKind: kind }));
    this.clearServer('interactionKind');
  }

  protected setEvidence(patch: Partial<TemplateDraft['evidence']>): void {
    this.draft.update((d) => ({ ...d, evidence: { ...d.evidence, ...patch } }));
    this.clearServer('evidence');
  }

  protected setEvidenceKind(kind: EvidenceRule['kind']): void {
    this.setEvidence(kind === 'none' ? { kind, required: false } : { kind });
  }

  // ---------- prompts ----------

  protected setPromptLabel(index: number, label: string): void {
    this.draft.update((d) => ({ ...d, prompts: withLabel(d.prompts, index, label) }));
    this.clearServer(`prompts[${index}].label`);
  }

  protected setPromptKey(index: number, key: string): void {
    this.updatePrompt(index, { key, keyEdited: true });
    this.clearServer(`prompts[${index}].key`);
  }

  protected setPromptType(index: number, type: PromptType): void {
    const prompt = this.draft().prompts[index];
    const options =
      type === 'choice' && !prompt.options.length
        ? [{ uid: draftUid(), value: '' }, { uid: draftUid(), value: '' }]
        : prompt.options;
    this.updatePrompt(index, { type, options });
  }

  protected updatePrompt(index: number, patch: Partial<PromptDraft>): void {
    this.draft.update((d) => ({ ...d, prompts: d.prompts.map((p, i) => (i === index ? { ...p, ...patch } : p)) }));
  }

  protected addPrompt(): void {
    const prompt = blankPrompt(this.draft().prompts.map((p) => p.key));
    this.structural((d) => ({ ...d, prompts: [...d.prompts, prompt] }));
    this.announce(`Prompt ${this.draft().prompts.length} added.`);
    this.focus.after(`#p-${prompt.uid}-label`);
  }

  protected removePrompt(index: number): void {
    const prompts = this.draft().prompts;
    const next = prompts[index + 1] ?? prompts[index - 1];
    this.structural((d) => ({ ...d, prompts: d.prompts.filter((_, i) => i !== index) }));
    this.announce(`Prompt ${index + 1} removed.`);
    this.focus.after(next ? `#p-${next.uid}-label` : '#add-prompt');
  }

  protected movePrompt(index: number, by: -1 | 1): void {
    const prompt = this.draft().prompts[index];
    this.structural((d) => ({ ...d, prompts: moveItem(d.prompts, index, by) }));
    const to = this.draft().prompts.indexOf(prompt);
    const last = this.draft().prompts.length - 1;
    this.announce(`“${prompt.label || 'Prompt'}” moved to position ${to + 1} of ${last + 1}.`);
    const edge = (by < 0 && to === 0) || (by > 0 && to === last);
    this.focus.after(`#p-${prompt.uid}-${(by < 0) !== edge ? 'up' : 'down'}`);
  }

  protected addOption(index: number): void {
    const option = { uid: draftUid(), value: '' };
    this.updatePrompt(index, { options: [...this.draft().prompts[index].options, option] });
    this.clearServer(`prompts[${index}].options`);
    this.focus.after(`#o-${option.uid}`);
  }

  protected setOption(index: number, optionIndex: number, value: string): void {
    const options = this.draft().prompts[index].options.map((o, j) => (j === optionIndex ? { ...o, value } : o));
    this.updatePrompt(index, { options });
    this.clearServer(`prompts[${index}].options`);
  }

  protected removeOption(index: number, optionIndex: number): void {
    const prompt = this.draft().prompts[index];
    this.updatePrompt(index, { options: prompt.options.filter((_, j) => j !== optionIndex) });
    const next = prompt.options[optionIndex + 1] ?? prompt.options[optionIndex - 1];
    this.focus.after(next ? `#o-${next.uid}` : `#p-${prompt.uid}-add-option`);
  }

  // ---------- rubric ----------

  protected toggleRubric(on: boolean): void {
    this.structural((d) => ({
      ...d,
      rubricEnabled: on,
      rubric: on && !d.rubric.length ? [blankCriterion()] : d.rubric,
    }));
    if (on) this.focus.after(`#c-${this.draft().rubric[0]?.uid}-label`);
  }

  protected addCriterion(): void {
    const criterion = blankCriterion(this.draft().rubric.map((c) => c.key));
    this.structural((d) => ({ ...d, rubric: [...d.rubric, criterion] }));
    this.focus.after(`#c-${criterion.uid}-label`);
  }

  protected removeCriterion(index: number): void {
    const rubric = this.draft().rubric;
    const next = rubric[index + 1] ?? rubric[index - 1];
    this.structural((d) => ({ ...d, rubric: d.rubric.filter((_, i) => i !== index) }));
    this.focus.after(next ? `#c-${next.uid}-label` : '#add-criterion');
  }

  protected setCriterionLabel(index: number, label: string): void {
    this.draft.update((d) => ({ ...d, rubric: withLabel(d.rubric, index, label, 'criterion') }));
    this.clearServer(`rubric[${index}].label`);
  }

  protected updateCriterion(index: number, patch: Partial<CriterionDraft>): void {
    this.draft.update((d) => ({ ...d, rubric: d.rubric.map((c, i) => (i === index ? { ...c, ...patch } : c)) }));
  }

  protected setCriterionKey(index: number, key: string): void {
    this.updateCriterion(index, { key, keyEdited: true });
    this.clearServer(`rubric[${index}].key`);
  }

  protected addLevel(index: number): void {
    const level = blankLevel();
    this.updateCriterion(index, { levels: [...this.draft().rubric[index].levels, level] });
    this.clearServer(`rubric[${index}].levels`);
    this.focus.after(`#l-${level.uid}-label`);
  }

  protected setLevel(index: number, levelIndex: number, patch: { label?: string; points?: string }): void {
    const levels = this.draft().rubric[index].levels.map((l, j) => (j === levelIndex ? { ...l, ...patch } : l));
    this.updateCriterion(index, { levels });
    this.clearServer(`rubric[${index}].levels[${levelIndex}].${patch.label !== undefined ? 'label' : 'points'}`);
  }

  protected removeLevel(index: number, levelIndex: number): void {
    const criterion = this.draft().rubric[index];
    this.structural((d) => ({
      ...d,
      rubric: d.rubric.map((c, i) => (i === index ? { ...c, levels: c.levels.filter((_, j) => j !== levelIndex) } : c)),
    }));
    const next = criterion.levels[levelIndex + 1] ?? criterion.levels[levelIndex - 1];
    this.focus.after(next ? `#l-${next.uid}-label` : `#c-${criterion.uid}-add-level`);
  }

  // ---------- saving ----------

  protected save(): void {
    this.attempted.set(true);
    this.formError.set(null);
    this.status.set('');
    const input = draftToInput(this.draft());
    if (Object.keys(validateTemplate(input)).length) {
      this.focusFirstProblem();
      return;
    }
    if (this.pending()) return;
    this.pending.set(true);
    this.serverProblems.set({});
    const request = this.id ? this.templatesApi.update(this.id, input) : this.templatesApi.create(input);
    request.subscribe({
      next: (template) => {
        this.pending.set(false);
        this.attempted.set(false);
        if (!this.id) {
          this.flashes.set(`Template “${template.title}” created. You can assign it from a cohort page.`);
          void this.router.navigate(['/templates']);
          return;
        }
        this.takeTemplate(template);
        this.status.set('Saved. Homework already assigned keeps its own copy; new assignments use this version.');
        this.focus.after('#editor-status');
      },
      error: (err: unknown) => {
        this.pending.set(false);
        const problem = readApiError(err, 'Could not save the template. Please try again.');
        const fields = normalizeProblems(problem.fieldErrors);
        this.serverProblems.set(fields);
        this.formError.set(Object.keys(fields).length ? 'The template was not saved: some fields need attention.' : problem.message);
        this.focusFirstProblem();
      },
    });
  }

  protected toggleArchived(): void {
    if (!this.id || this.pending()) return;
    const archived = !this.archived();
    this.pending.set(true);
    this.formError.set(null);
    this.templatesApi.update(this.id, { archived }).subscribe({
      next: (template) => {
        this.pending.set(false);
        this.archived.set(template.archived);
        this.status.set(
          template.archived
            ? 'Archived. It is hidden from the library and can no longer be assigned; assigned homework is not affected.'
            : 'Unarchived. It is back in the library.',
        );
        this.focus.after('#editor-status');
      },
      error: (err: unknown) => {
        this.pending.set(false);
        this.formError.set(readApiError(err, 'Could not change the template.').message);
        this.focus.after('#editor-error');
      },
    });
  }

  private takeTemplate(template: Template): void {
    this.draft.set(templateToDraft(template));
    this.archived.set(template.archived);
    this.loading.set(false);
    this.title.setTitle(`${template.title} · Templates · Fieldwork`);
  }

  /** A change that moves rows around: server problems point at old indexes, so drop them. */
  private structural(change: (d: TemplateDraft) => TemplateDraft): void {
    this.draft.update(change);
    if (Object.keys(this.serverProblems()).length) this.serverProblems.set({});
  }

  private clearServer(prefix: string): void {
    const current = this.serverProblems();
    if (!Object.keys(current).some((k) => k.startsWith(prefix))) return;
    this.serverProblems.set(Object.fromEntries(Object.entries(current).filter(([k]) => !k.startsWith(prefix))));
  }

  private announce(text: string): void {
    this.status.set(text);
  }

  private focusFirstProblem(): void {
    this.focus.firstOf('[aria-invalid="true"]', '#editor-error');
  }
}
