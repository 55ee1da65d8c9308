import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { CATEGORY_LABELS, TEMPLATE_CATEGORIES, type Template, type TemplateCategory } from '@fieldwork/contracts';
import { FlashService, TemplatesService, readApiError } from '@fieldwork/web-core';
import { FwAlert, FwStatusBadge, loadedValue, pageFocus } from '@fieldwork/web-ui';

/** Why each category matters, in the words of the advisor's post. */
export const CATEGORY_BLURBS: Record<TemplateCategory, string> = {
  'gather-information': 'What a career or an employer is really like is never written down: ask people.',
  'known-quantity': 'Let people get to know you and your skills, so they can recommend you.',
  'way-in': 'Many jobs are never advertised; insiders know the real needs of an organization.',
  reciprocity: 'Share an article, send an update, introduce people: everyone has something to offer.',
  community: 'Join the community of your profession and learn to talk like one.',
  'follow-up': 'Keep in touch with the people you have met, so they remember you when opportunities come up.',
};

/** The homework library, grouped by category. */
@Component({
  selector: 'app-templates-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, FwAlert, FwStatusBadge],
  templateUrl: './templates-page.html',
})
export class TemplatesPage {
  private readonly templatesApi = inject(TemplatesService);
  private readonly focus = pageFocus();

  protected readonly blurbs = CATEGORY_BLURBS;
  protected readonly flash = signal(inject(FlashService).take());
  /** The library's templates in use. */
  protected readonly library = loadedValue(() => this.templatesApi.listAll({ archived: false }), {
    initial: [] as Template[],
    errorMessage: (err) => readApiError(err, 'Could not load the template library.').message,
  });
  protected readonly templates = this.library.value;
  protected readonly loading = this.library.loading;
  protected readonly archived = signal<Template[] | null>(null);
  protected readonly archivedError = signal<string | null>(null);
  protected readonly showArchived = signal(false);

  protected readonly groups = computed(() => {
    const all = [...this.templates(), ...(this.showArchived() ? (this.archived() ?? []) : [])];
    return TEMPLATE_CATEGORIES.map((category) => ({
      category,
      label: CATEGORY_LABELS[category],
      templates: all.filter((t) => t.category === category).sort((a, b) => Number(a.archived) - Number(b.archived) || a.title.localeCompare(b.title)),
    }));
  });
  protected readonly status = computed(() => {
    if (this.loading()) return 'Loading the library…';
    const n = this.templates().length;
    return `${n} ${n === 1 ? 'template' : 'templates'} in the library.`;
  });

  constructor() {
    this.library.reload();
    if (this.flash()) this.focus.after('#templates-flash');
  }

  /** "Try again" after either load failed: the library loads again (archived ones load when shown again). */
  protected retry(): void {
    this.archivedError.set(null);
    this.library.reload();
  }

  protected toggleArchived(event: Event): void {
    const on = (event.target as HTMLInputElement).checked;
    this.showArchived.set(on);
    if (on && this.archived() === null) {
      this.templatesApi.listAll({ archived: true }).subscribe({
        next: (templates) => this.archived.set(templates),
        error: (err: unknown) => this.archivedError.set(readApiError(err, 'Could not load archived templates.').message),
      });
    }
  }
}
