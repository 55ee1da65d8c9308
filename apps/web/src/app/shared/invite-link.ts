import { ChangeDetectionStrategy, Component, DOCUMENT, inject, input, signal } from '@angular/core';
import { copyToClipboard } from '@fieldwork/web-ui';

let nextId = 0;

/** A read-only invitation link with a Copy button, for an admin or operator to pass on. */
@Component({
  selector: 'app-invite-link',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="field">
      <label [for]="inputId">{{ label() }}</label>
      <div class="copy-row">
        <input
          type="text"
          readonly
          [id]="inputId"
          [value]="url()"
          [attr.aria-describedby]="inputId + '-status'"
          (focus)="selectAll($event)"
          #linkInput
        />
        <button type="button" class="button" (click)="copy(linkInput)">Copy link</button>
      </div>
      <p class="status-line" role="status" [id]="inputId + '-status'">{{ status() }}</p>
    </div>
  `,
})
export class InviteLink {
  private readonly document = inject(DOCUMENT);

  readonly url = input.required<string>();
  readonly label = input('Invitation link');

  protected readonly inputId = `invite-link-${++nextId}`;
  protected readonly status = signal('');

  protected selectAll(event: FocusEvent): void {
    (event.target as HTMLInputElement).select();
  }

  protected async copy(field: HTMLInputElement): Promise<void> {
    const copied = await copyToClipboard(this.document, this.url(), field);
    this.status.set(
      copied ? 'Link copied. Paste it into an email or message.' : 'The link is selected: press Ctrl+C (or ⌘C) to copy it.',
    );
  }
}
