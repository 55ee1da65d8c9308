import { ChangeDetectionStrategy, Component, inject, input, output } from '@angular/core';
import { FormBuilder, ReactiveFormsModule } from '@angular/forms';
import { FwControl, FwField, FwSubmitActions } from '@fieldwork/web-ui';
import type { TotpEnrollment } from '@fieldwork/contracts';

/**
 * Setting up an authenticator app: the QR code (and the secret to type in instead), then the
 * first six-digit code. The parent sends the code and shows the recovery codes.
 */
@Component({
  selector: 'app-authenticator-setup',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, FwField, FwControl, FwSubmitActions],
  styles: `
    .qr {
      display: block;
      width: 220px;
      height: 220px;
      margin: 0.5rem 0;
      image-rendering: pixelated;
      background: #fff;
    }
    .secret {
      font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
      word-break: break-all;
    }
  `,
  template: `
    <ol class="steps">
      <li>
        Open an authenticator app on your phone (Google Authenticator, Microsoft Authenticator, 1Password, Authy…) and scan this
        code.
        <img class="qr" [src]="enrollment().qrDataUrl" alt="QR code to add Fieldwork to your authenticator app" />
        <details>
          <summary>Can't scan it? Type this key instead</summary>
          <p class="secret" data-testid="totp-secret">{{ enrollment().secret }}</p>
        </details>
      </li>
      <li>
        <form class="form" [formGroup]="form" (ngSubmit)="send()" novalidate>
          <!-- The parent checks the code and words the problem: only its error shows. -->
          <fw-field label="Enter the six-digit code the app shows" [error]="error()" [showErrors]="false">
            <input
              fwControl
              [id]="inputId()"
              formControlName="code"
              type="text"
              inputmode="numeric"
              autocomplete="one-time-code"
              maxlength="8"
              pattern="[0-9 ]*"
              required
            />
          </fw-field>
          <fw-submit-actions label="Turn on two-step sign-in" pendingLabel="Checking…" [pending]="pending()" />
        </form>
      </li>
    </ol>
  `,
})
export class AuthenticatorSetup {
  readonly enrollment = input.required<TotpEnrollment>();
  readonly error = input<string | null>(null);
  readonly pending = input(false);
  readonly inputId = input('authenticator-code');
  readonly code = output<string>();
  protected readonly form = inject(FormBuilder).nonNullable.group({ code: [''] });

  protected send(): void {
    if (this.pending()) return;
    this.code.emit(this.form.controls.code.value.replace(/\s/g, ''));
  }
}
