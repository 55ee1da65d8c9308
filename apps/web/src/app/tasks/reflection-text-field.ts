import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import type { LengthCount } from '@fieldwork/web-core';

/**
 * One typed answer of the reflection form (a text prompt or the evidence): label with "(required)"/"(optional)",
 * help (`<id>-help`), the textarea or input, the length count (`<id>-count`) and the error (`<id>-error`), with
 * `aria-describedby` naming those that show. Its own markup, not `<fw-field>`, because the form keeps answers in
 * signals (autosaved drafts) and its specs and saved links rely on the `-help` ids.
 */
@Component({
  selector: 'app-reflection-text-field',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'field' },
  template: `
    <label [for]="fieldId()">
      {{ label() }}
      <span class="req">{{ required() ? '(required)' : '(optional)' }}</span>
    </label>
    @if (help(); as help) {
      <p class="hint" [id]="fieldId() + '-help'">{{ help }}</p>
    }
    @if (rows(); as rows) {
      <textarea
        [rows]="rows"
        [id]="fieldId()"
        [value]="value()"
        [required]="required()"
        [attr.aria-invalid]="error() ? true : null"
        [attr.aria-describedby]="describedBy()"
        (input)="edit($event)"
        (blur)="blurred.emit()"
      ></textarea>
    } @else {
      <input
        [type]="type()"
        [id]="fieldId()"
        [value]="value()"
        [required]="required()"
        [attr.inputmode]="type() === 'url' ? 'url' : null"
        [attr.placeholder]="type() === 'url' ? 'https://' : null"
        [attr.aria-invalid]="error() ? true : null"
        [attr.aria-describedby]="describedBy()"
        (input)="edit($event)"
        (change)="edit($event)"
        (blur)="blurred.emit()"
      />
    }
    @if (count(); as count) {
      <p class="hint char-count" [class.char-count--over]="count.over" [id]="fieldId() + '-count'">{{ count.text }}</p>
    }
    @if (error(); as error) {
      <p class="field-error" [id]="fieldId() + '-error'">{{ error }}</p>
    }
  `,
})
export class ReflectionTextField {
  /** The control's id (`rf-<prompt key>`, `rf-evidence`); the help, count and error ids start with it. */
  readonly fieldId = input.required<string>();
  readonly label = input.required<string>();
  readonly required = input(false);
  readonly help = input<string | null | undefined>(null);
  /** A textarea of this many rows; without it, an input of `type`. */
  readonly rows = input<number | null>(null);
  readonly type = input('text');
  readonly value = input('');
  readonly count = input<LengthCount | null>(null);
  readonly error = input<string | null>(null);

  /** The text as typed (on input, and on change for inputs: autofill). */
  readonly edited = output<string>();
  readonly blurred = output<void>();

  protected readonly describedBy = computed(() => {
    const id = this.fieldId();
    const ids = [this.help() ? `${id}-help` : '', this.count() ? `${id}-count` : '', this.error() ? `${id}-error` : ''];
    return ids.filter(Boolean).join(' ') || null;
  });

  protected edit(event: Event): void {
    this.edited.emit((event.target as HTMLInputElement | HTMLTextAreaElement).value);
  }
}
