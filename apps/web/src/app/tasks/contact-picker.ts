import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import { FormBuilder, ReactiveFormsModule } from '@angular/forms';
import type { Contact } from '@fieldwork/contracts';
import { ContactsService, readApiError } from '@fieldwork/web-core';
import { FwAlert, FwControl, FwField, loadedValue, pageFocus, requiredText } from '@fieldwork/web-ui';

/**
 * Chooses the contact a reflection is about, from the student's network, with
 * an inline "Add a contact" (name, organization, role) that creates and picks them.
 * Not a <form>: it lives inside the reflection form.
 */
@Component({
  selector: 'app-contact-picker',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, FwField, FwControl, FwAlert],
  templateUrl: './contact-picker.html',
  styles: `
    :host {
      display: block;
      min-width: 0;
    }
    .picker-row {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      align-items: center;
    }
    .picker-row select {
      flex: 1 1 12rem;
      width: 100%;
      min-width: 0;
      max-width: 100%;
      text-overflow: ellipsis;
    }
    .add-contact {
      margin-top: 0.75rem;
      padding: 1rem;
      border: 1px dashed var(--fw-border-strong);
      border-radius: var(--fw-radius);
      display: grid;
      gap: 0.75rem;
    }
    .add-contact h3 {
      margin: 0;
    }
  `,
})
export class ContactPicker {
  private readonly contacts = inject(ContactsService);
  private readonly focus = pageFocus();

  /** The chosen contact id. */
  readonly value = input<string | null>(null);
  readonly required = input(false);
  readonly error = input<string | null>(null);
  readonly fieldId = input('rf-contact');
  readonly valueChange = output<string | null>();

  /** The student's contacts, loaded once; a contact added here joins the list. */
  protected readonly contactList = loadedValue(() => this.contacts.listAll(), {
    initial: [] as Contact[],
    errorMessage: (err) => readApiError(err, 'Could not load your contacts.').message,
  });
  protected readonly list = this.contactList.value;
  protected readonly loading = this.contactList.loading;
  protected readonly loadError = this.contactList.error;
  protected readonly adding = signal(false);
  protected readonly saving = signal(false);
  protected readonly addError = signal<string | null>(null);
  /** The server's word on the name (the field's own check shows once "Add and choose" was pressed). */
  protected readonly nameError = signal<string | null>(null);
  protected readonly addTried = signal(false);
  protected readonly announcement = signal('');
  /** The small "Add a contact" form: a group, not a <form>, inside the reflection form. */
  protected readonly newContact = inject(FormBuilder).nonNullable.group({ name: ['', requiredText], organization: [''], role: [''] });
  protected readonly nameMessages = { required: 'Enter their name.' };
  protected readonly optionalFields = [
    { name: 'organization', label: 'Organization', idSuffix: 'org' },
    { name: 'role', label: 'Role', idSuffix: 'role' },
  ] as const;

  /** A chosen id that is not in the list (e.g. the contact was deleted since). */
  protected readonly missing = computed(() => {
    const id = this.value();
    return !!id && !this.loading() && !this.list().some((c) => c.id === id);
  });

  constructor() {
    this.contactList.reload();
  }

  protected optionLabel(contact: Contact): string {
    const where = [contact.role, contact.organization].filter(Boolean).join(' at ');
    return where ? `${contact.name} — ${where}` : contact.name;
  }

  protected choose(event: Event): void {
    const id = (event.target as HTMLSelectElement).value;
    this.valueChange.emit(id || null);
  }

  protected toggleAdd(): void {
    const open = !this.adding();
    this.adding.set(open);
    this.addError.set(null);
    this.nameError.set(null);
    this.addTried.set(false);
    this.focus.after(open ? `#${this.fieldId()}-new-name` : `#${this.fieldId()}-add`);
  }

  /** Enter in the small form adds the contact instead of submitting the reflection. */
  protected onEnter(event: Event): void {
    event.preventDefault();
    this.add();
  }

  protected add(): void {
    if (this.saving()) return;
    const { name, organization, role } = this.newContact.getRawValue();
    this.addError.set(null);
    this.nameError.set(null);
    this.addTried.set(true);
    if (this.newContact.invalid) {
      this.focus.after(`#${this.fieldId()}-new-name`);
      return;
    }
    this.saving.set(true);
    this.contacts
      .create({ name: name.trim(), organization: organization.trim() || null, role: role.trim() || null })
      .subscribe({
        next: (contact) => {
          this.saving.set(false);
          this.list.update((list) => [...list, contact].sort((a, b) => a.name.localeCompare(b.name)));
          this.newContact.reset();
          this.addTried.set(false);
          this.adding.set(false);
          this.valueChange.emit(contact.id);
          this.announcement.set(`Added ${contact.name} to your network and chose them for this reflection.`);
          this.focus.after(`#${this.fieldId()}`);
        },
        error: (err: unknown) => {
          this.saving.set(false);
          const problem = readApiError(err, 'Could not add the contact.');
          this.nameError.set(problem.fieldErrors['name'] ?? null);
          const others = Object.entries(problem.fieldErrors)
            .filter(([f]) => f !== 'name')
            .map(([, m]) => m);
          this.addError.set([problem.message, ...others].join(' '));
        },
      });
  }

}
