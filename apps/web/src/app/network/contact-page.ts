import { ChangeDetectionStrategy, Component, inject, signal, viewChild } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormBuilder, FormGroupDirective, ReactiveFormsModule, Validators } from '@angular/forms';
import { Title } from '@angular/platform-browser';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import {
  INTERACTION_KINDS,
  INTERACTION_LABELS,
  type Contact,
  type Interaction,
  type InteractionKind,
} from '@fieldwork/contracts';
import {
  ContactsService,
  ErasureService,
  TenantTime,
  pastDateInputToIso,
  shortDateText,
  otherFieldProblems,
  readApiError,
  localDateInput,
} from '@fieldwork/web-core';
import { type Observable, catchError, forkJoin, map, of, switchMap, tap } from 'rxjs';
import { FwAlert, FwControl, FwField, FwLoadProblem, FwStatusBadge, FwSubmitActions, pageFocus, type ErrorMessages } from '@fieldwork/web-ui';
import { ContactForm } from './contact-form';

/** The two ways to remove a contact, each confirmed in its own box. */
type Removal = 'erase' | 'delete';

/** Student: one contact — details, edit, delete, the interaction timeline and logging a new one. */
@Component({
  selector: 'app-contact-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, ReactiveFormsModule, ContactForm, FwAlert, FwField, FwControl, FwStatusBadge, FwSubmitActions, FwLoadProblem],
  templateUrl: './contact-page.html',
  styles: `
    .crumb {
      margin-bottom: 0.5rem;
    }
    .timeline {
      list-style: none;
      margin: 0;
      padding: 0 0 0 1rem;
      border-left: 3px solid var(--fw-border);
    }
    .timeline li {
      position: relative;
      padding: 0 0 1rem 0.5rem;
    }
    .timeline li::before {
      content: '';
      position: absolute;
      left: -1.5rem;
      top: 0.45rem;
      width: 0.75rem;
      height: 0.75rem;
      border-radius: 50%;
      background: var(--fw-primary);
    }
    .timeline h3 {
      margin: 0;
      font-size: 1rem;
    }
    .timeline p {
      margin: 0.25rem 0 0;
      white-space: pre-wrap;
    }
    .log-result {
      display: grid;
      gap: 0.75rem;
      margin-top: 1rem;
    }
    .log-result:empty {
      display: none;
    }
  `,
})
export class ContactPage {
  private readonly contacts = inject(ContactsService);
  private readonly router = inject(Router);
  private readonly title = inject(Title);
  private readonly focus = pageFocus();

  protected readonly kinds = INTERACTION_KINDS.map((value) => ({ value, label: INTERACTION_LABELS[value] }));
  protected readonly kindLabels = INTERACTION_LABELS;

  protected readonly contactId = signal('');
  protected readonly contact = signal<Contact | null>(null);
  protected readonly interactions = signal<Interaction[]>([]);
  protected readonly loading = signal(true);
  protected readonly loadError = signal<{ status: number; message: string } | null>(null);
  protected readonly editing = signal(false);
  /** The removal being confirmed (one box at a time), whether it is under way and why it failed. */
  protected readonly confirming = signal<Removal | null>(null);
  protected readonly removing = signal(false);
  protected readonly removeError = signal<string | null>(null);
  private readonly erasure = inject(ErasureService);
  /**
   * Erasing removes the contact everywhere (their name in reflections too, which then read
   * "contact removed"); deleting removes them from the network and keeps the name in reflections.
   */
  private readonly removals: Record<Removal, { run: (id: string) => Observable<unknown>; done: (name: string) => string; failed: (name: string) => string }> = {
    erase: {
      run: (id) => this.erasure.eraseContact(id),
      done: (name) => `Erased ${name}: their details, interactions and name in your reflections are gone.`,
      failed: (name) => `Could not erase ${name}.`,
    },
    delete: {
      run: (id) => this.contacts.remove(id),
      done: (name) => `Deleted ${name}. Reflections that cited them keep the name.`,
      failed: (name) => `Could not delete ${name}.`,
    },
  };
  protected readonly notice = signal<string | null>(null);
  protected readonly thankYouHint = signal(false);
  protected readonly logged = signal<string | null>(null);

  private readonly time = inject(TenantTime);
  protected readonly logForm = inject(FormBuilder).nonNullable.group({
    kind: ['informational_interview' as InteractionKind, Validators.required],
    date: [localDateInput(new Date(), this.time.zone()), [Validators.required, Validators.pattern(/^\d{4}-\d{2}-\d{2}$/)]],
    notes: ['', Validators.maxLength(5000)],
  });
  /** The log form's words per field (the date's pattern error also stands for a day in the future). */
  protected readonly logMessages: Record<'kind' | 'date' | 'notes', ErrorMessages> = {
    kind: { required: 'Choose what kind of interaction it was.' },
    date: { required: 'Enter the date it happened.', pattern: 'Enter a date like 2026-03-03.' },
    notes: { maxlength: 'Use at most 5000 characters.' },
  };
  private readonly logFormDirective = viewChild.required(FormGroupDirective);
  protected readonly logging = signal(false);
  protected readonly logError = signal<string | null>(null);
  protected readonly logServerErrors = signal<Record<string, string>>({});

  constructor() {
    inject(ActivatedRoute)
      .paramMap.pipe(
        map((p) => p.get('id') ?? ''),
        tap((id) => this.contactId.set(id)),
        switchMap((id) => this.load(id)),
        takeUntilDestroyed(),
      )
      .subscribe();
  }

  /** "Mar 3": the day in the career center's zone. */
  protected date(iso: string | null): string {
    return iso ? shortDateText(iso, new Date(), this.time.zone()) : '';
  }

  /** "Tue, Mar 3, 2026": the day in the career center's zone. */
  protected longDate(iso: string): string {
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) return '';
    return new Intl.DateTimeFormat('en-US', { timeZone: this.time.zone(), weekday: 'short', month: 'short', day: 'numeric', year: 'numeric' }).format(date);
  }

  protected subtitle(c: Contact): string {
    if (c.role && c.organization) return `${c.role} at ${c.organization}`;
    return c.role ?? c.organization ?? '';
  }

  protected reload(): void {
    this.load(this.contactId()).subscribe();
  }

  protected startEdit(): void {
    this.editing.set(true);
    this.notice.set(null);
    this.focus.after('#edit-heading');
  }

  protected cancelEdit(): void {
    this.editing.set(false);
    this.focus.after('#edit-button');
  }

  protected onSaved(contact: Contact): void {
    this.contact.set(contact);
    this.editing.set(false);
    this.title.setTitle(`${contact.name} · Fieldwork`);
    this.notice.set('Your changes are saved.');
    this.focus.after('#contact-notice');
  }

  protected ask(kind: Removal): void {
    this.confirming.set(kind);
    this.removeError.set(null);
    this.focus.after(`#${kind}-heading`);
  }

  protected cancel(kind: Removal): void {
    this.confirming.set(null);
    this.focus.after(`#${kind}-button`);
  }

  /** Erases or deletes the contact, then goes back to the network with a notice; a failure stays in the box. */
  protected confirm(kind: Removal): void {
    const c = this.contact();
    if (!c || this.removing()) return;
    const removal = this.removals[kind];
    this.removing.set(true);
    removal.run(c.id).subscribe({
      next: () => {
        this.removing.set(false);
        void this.router.navigate(['/network'], { state: { notice: removal.done(c.name) } });
      },
      error: (err: unknown) => {
        this.removing.set(false);
        this.removeError.set(readApiError(err, removal.failed(c.name)).message);
      },
    });
  }

  protected logAgain(kind: InteractionKind): void {
    this.resetLogForm(kind);
    this.thankYouHint.set(false);
    this.logged.set(null);
    this.focus.after('#log-kind');
  }

  protected log(): void {
    this.logError.set(null);
    this.logServerErrors.set({});
    this.thankYouHint.set(false);
    this.logged.set(null);
    const v = this.logForm.getRawValue();
    const occurredAt = pastDateInputToIso(v.date, new Date(), this.time.zone());
    if (this.logForm.invalid || !occurredAt) {
      if (!occurredAt) this.logForm.controls.date.setErrors({ pattern: true });
      this.focus.firstInvalid();
      return;
    }
    if (new Date(occurredAt).getTime() > Date.now() + 60_000) {
      this.logServerErrors.set({ occurredAt: 'Log interactions once they have happened: choose today or an earlier date.' });
      this.focus.firstInvalid();
      return;
    }
    if (this.logging()) return;
    this.logging.set(true);
    const id = this.contactId();
    this.contacts.logInteraction(id, { kind: v.kind, occurredAt, notes: v.notes.trim() || null }).subscribe({
      next: (interaction) => {
        this.logging.set(false);
        this.resetLogForm(v.kind);
        this.interactions.update((list) =>
          [interaction, ...list].sort((a, b) => Date.parse(b.occurredAt) - Date.parse(a.occurredAt)),
        );
        this.thankYouHint.set(interaction.kind === 'informational_interview');
        this.logged.set(`Logged: ${INTERACTION_LABELS[interaction.kind]} on ${this.date(interaction.occurredAt)}.`);
        // The follow-up clock restarted: refresh the contact's dates.
        this.contacts.get(id).subscribe({ next: (c) => this.contact.set(c), error: () => undefined });
        this.focus.after('#log-result');
      },
      error: (err: unknown) => {
        this.logging.set(false);
        const problem = readApiError(err, 'Could not log the interaction.');
        this.logServerErrors.set(problem.fieldErrors);
        const others = otherFieldProblems(problem, ['kind', 'occurredAt', 'notes']);
        this.logError.set([problem.message, ...others].join(' '));
        if (Object.keys(problem.fieldErrors).length > others.length) this.focus.firstInvalid();
      },
    });
  }

  /** A fresh log form (today, no notes) that has forgotten the last submit. */
  private resetLogForm(kind: InteractionKind): void {
    this.logFormDirective().resetForm({ kind, date: localDateInput(new Date(), this.time.zone()), notes: '' });
  }

  private load(id: string) {
    this.loading.set(true);
    this.loadError.set(null);
    return forkJoin({ contact: this.contacts.get(id), interactions: this.contacts.interactions(id) }).pipe(
      tap(({ contact, interactions }) => {
        this.loading.set(false);
        this.contact.set(contact);
        this.interactions.set(interactions);
        this.title.setTitle(`${contact.name} · Fieldwork`);
      }),
      catchError((err: unknown) => {
        this.loading.set(false);
        const problem = readApiError(err, 'Could not load this contact.');
        // A malformed id answers 400: for the student it is the same as a missing contact.
        const missing = problem.status === 404 || problem.status === 400;
        this.loadError.set({
          status: missing ? 404 : problem.status,
          message:
            missing ? 'We couldn’t find this contact. It may have been deleted.' : problem.message,
        });
        return of(null);
      }),
    );
  }

}
