import { ChangeDetectionStrategy, Component, OnInit, inject, input, output, signal, viewChild } from '@angular/core';
import { FormBuilder, FormGroupDirective, ReactiveFormsModule, Validators } from '@angular/forms';
import { URL_MAX_LENGTH, isHttpUrl, type Contact, type ContactInput } from '@fieldwork/contracts';
import { ContactsService, otherFieldProblems, readApiError } from '@fieldwork/web-core';
import type { AbstractControl, ValidationErrors } from '@angular/forms';
import { FwAlert, FwControl, FwField, FwSubmitActions, pageFocus, type ErrorMessages } from '@fieldwork/web-ui';

const FIELDS = [
  'name',
  'organization',
  'role',
  'sector',
  'howMet',
  'email',
  'linkedinUrl',
  'tags',
  'notes',
  'followUpEveryDays',
  'sharedWithAdvisors',
] as const;
type Field = (typeof FIELDS)[number];

/** "a, b ,, c" → ["a", "b", "c"] (no duplicates, case-insensitive). */
export function parseTags(text: string): string[] {
  const seen = new Set<string>();
  const tags: string[] = [];
  for (const raw of text.split(',')) {
    const tag = raw.trim();
    if (tag && !seen.has(tag.toLowerCase())) {
      seen.add(tag.toLowerCase());
      tags.push(tag);
    }
  }
  return tags;
}

/** The contracts' link rule (the API checks the same). */
function webUrl(control: AbstractControl): ValidationErrors | null {
  const value = String(control.value ?? '').trim();
  return !value || isHttpUrl(value) ? null : { url: true };
}

/** The API takes at most 20 tags of at most 50 characters. */
function tagList(control: AbstractControl): ValidationErrors | null {
  const tags = parseTags(String(control.value ?? ''));
  if (tags.length > 20) return { tagCount: true };
  return tags.some((t) => t.length > 50) ? { tagLength: true } : null;
}

let nextId = 0;

/** Add or edit a contact. Creates (POST) without `contact`, updates (PATCH) with it. */
@Component({
  selector: 'app-contact-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, FwAlert, FwField, FwControl, FwSubmitActions],
  templateUrl: './contact-form.html',
  styles: `
    .wide {
      grid-column: 1 / -1;
    }
    .check {
      display: flex;
      gap: 0.5rem;
      align-items: flex-start;
      font-weight: 600;
    }
    .check input {
      margin-top: 0.3rem;
      width: 1.125rem;
      height: 1.125rem;
      flex: none;
    }
  `,
})
export class ContactForm implements OnInit {
  private readonly contacts = inject(ContactsService);
  private readonly focus = pageFocus();

  /** The contact to edit; absent to add a new one. */
  readonly contact = input<Contact | null>(null);
  readonly saved = output<Contact>();
  readonly cancelled = output<void>();

  protected readonly id = `contact-form-${++nextId}`;
  protected readonly textFields: readonly {
    field: Exclude<Field, 'name' | 'notes' | 'sharedWithAdvisors'>;
    label: string;
    type: 'text' | 'email' | 'url';
    inputmode?: string;
    hint?: string;
  }[] = [
    { field: 'organization', label: 'Organization', type: 'text' },
    { field: 'role', label: 'Role', type: 'text' },
    { field: 'sector', label: 'Sector', type: 'text', hint: 'e.g. Nonprofit, Government, International development' },
    { field: 'howMet', label: 'How you met', type: 'text', hint: 'e.g. Alumni panel, LinkedIn, introduced by a classmate' },
    { field: 'email', label: 'Email', type: 'email', inputmode: 'email' },
    { field: 'linkedinUrl', label: 'LinkedIn URL', type: 'url', inputmode: 'url' },
    { field: 'tags', label: 'Tags', type: 'text', hint: 'Separate with commas, e.g. alumni, grant writing' },
    {
      field: 'followUpEveryDays',
      label: 'Follow up every … days',
      type: 'text',
      inputmode: 'numeric',
      hint: 'We’ll remind you when it’s time to get back in touch. Leave empty for no reminders.',
    },
  ];
  protected readonly form = inject(FormBuilder).nonNullable.group({
    name: ['', [Validators.required, Validators.maxLength(200)]],
    organization: ['', Validators.maxLength(200)],
    role: ['', Validators.maxLength(200)],
    sector: ['', Validators.maxLength(100)],
    howMet: ['', Validators.maxLength(500)],
    email: ['', [Validators.email, Validators.maxLength(320)]],
    linkedinUrl: ['', [webUrl, Validators.maxLength(URL_MAX_LENGTH)]],
    tags: ['', tagList],
    notes: ['', Validators.maxLength(10000)],
    followUpEveryDays: ['', [Validators.min(1), Validators.max(365), Validators.pattern(/^\d*$/)]],
    sharedWithAdvisors: [false],
  });

  protected readonly messages: ErrorMessages = {
    required: 'Enter their name.',
    maxlength: (e) => `Use at most ${(e as { requiredLength: number }).requiredLength} characters.`,
    email: 'Enter an email address like name@example.org.',
    url: 'Enter a full link starting with https://',
    min: 'Use a number of days from 1 to 365.',
    max: 'Use a number of days from 1 to 365.',
    pattern: 'Use a whole number of days.',
    tagCount: 'Use at most 20 tags.',
    tagLength: 'Keep each tag under 50 characters.',
  };
  private readonly formDirective = viewChild.required(FormGroupDirective);
  protected readonly pending = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly serverErrors = signal<Record<string, string>>({});

  ngOnInit(): void {
    const c = this.contact();
    if (!c) return;
    this.form.reset({
      name: c.name,
      organization: c.organization ?? '',
      role: c.role ?? '',
      sector: c.sector ?? '',
      howMet: c.howMet ?? '',
      email: c.email ?? '',
      linkedinUrl: c.linkedinUrl ?? '',
      tags: c.tags.join(', '),
      notes: c.notes ?? '',
      followUpEveryDays: c.followUpEveryDays === null ? '' : String(c.followUpEveryDays),
      sharedWithAdvisors: c.sharedWithAdvisors,
    });
  }

  protected fid(field: Field): string {
    return `${this.id}-${field}`;
  }

  protected submit(): void {
    this.error.set(null);
    this.serverErrors.set({});
    if (this.form.invalid) {
      this.focus.firstInvalid();
      return;
    }
    if (this.pending()) return;
    this.pending.set(true);
    const body = this.request();
    const existing = this.contact();
    const call = existing ? this.contacts.update(existing.id, body) : this.contacts.create(body);
    call.subscribe({
      next: (contact) => {
        this.pending.set(false);
        if (!existing) this.formDirective().resetForm();
        this.saved.emit(contact);
      },
      error: (err: unknown) => {
        this.pending.set(false);
        const problem = readApiError(err, existing ? 'Could not save your changes.' : 'Could not add the contact.');
        this.serverErrors.set(problem.fieldErrors);
        const others = otherFieldProblems(problem, FIELDS);
        this.error.set([problem.message, ...others].join(' '));
        if (Object.keys(problem.fieldErrors).length > others.length) this.focus.firstInvalid();
      },
    });
  }

  private request(): ContactInput {
    const v = this.form.getRawValue();
    const text = (s: string) => s.trim() || null;
    const days = v.followUpEveryDays.trim();
    return {
      name: v.name.trim(),
      organization: text(v.organization),
      role: text(v.role),
      sector: text(v.sector),
      howMet: text(v.howMet),
      email: text(v.email),
      linkedinUrl: text(v.linkedinUrl),
      tags: parseTags(v.tags),
      notes: text(v.notes),
      followUpEveryDays: days ? Number(days) : null,
      sharedWithAdvisors: v.sharedWithAdvisors,
    };
  }
}
