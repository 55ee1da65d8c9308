import { ChangeDetectionStrategy, Component, DOCUMENT, inject, input, signal } from '@angular/core';
import { recoveryCodesText, saveFile } from '@fieldwork/web-core';
import { FwAlert } from '@fieldwork/web-ui';

/** Ten recovery codes, shown once: listed, with Copy and Download. */
@Component({
  selector: 'app-recovery-codes',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FwAlert],
  styles: `
    .recovery-codes {
      display: grid;
      grid-template-columns: repeat(2, max-content);
      gap: 0.25rem 2rem;
      margin: 0.5rem 0 1rem;
      padding: 0;
      list-style: none;
      font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
      font-size: 1.05rem;
    }
  `,
  template: `
    <fw-alert kind="info">
      <p>
        <strong>Save these recovery codes now.</strong> Each one works once, in place of a code from your authenticator app
        (for example if you lose your phone). They are shown only this time.
      </p>
    </fw-alert>
    <ul class="recovery-codes" aria-label="Recovery codes" data-testid="recovery-codes">
      @for (code of codes(); track code) {
        <li>{{ code }}</li>
      }
    </ul>
    <div class="form-actions">
      <button type="button" class="button button--secondary" (click)="copy()">Copy codes</button>
      <button type="button" class="button button--secondary" (click)="download()">Download codes</button>
    </div>
    <p class="muted" role="status" aria-live="polite">{{ status() }}</p>
  `,
})
export class RecoveryCodesList {
  private readonly document = inject(DOCUMENT);
  readonly codes = input.required<readonly string[]>();
  /** Whose codes (the e-mail address), written at the top of the downloaded file. */
  readonly who = input('');
  protected readonly status = signal('');

  protected async copy(): Promise<void> {
    try {
      const clipboard = this.document.defaultView?.navigator.clipboard;
      if (!clipboard) throw new Error('no clipboard');
      await clipboard.writeText(this.codes().join('\n'));
      this.status.set('Copied. Paste them somewhere safe, such as a password manager.');
    } catch {
      this.status.set('Your browser did not let us copy. Select the codes and copy them, or download them.');
    }
  }

  protected download(): void {
    saveFile(new Blob([recoveryCodesText(this.codes(), this.who())], { type: 'text/plain' }), 'fieldwork-recovery-codes.txt', this.document);
    this.status.set('Downloaded as fieldwork-recovery-codes.txt. Keep the file somewhere safe.');
  }
}
