import {
  ApplicationRef,
  ChangeDetectionStrategy,
  Component,
  DOCUMENT,
  ElementRef,
  EnvironmentInjector,
  Injectable,
  createComponent,
  inject,
  output,
  signal,
  viewChild,
} from '@angular/core';

/** What the confirm dialog asks. */
export interface ConfirmOptions {
  /** The dialog's heading, a question: "Remove Ada from the cohort?" */
  title: string;
  /** What happens if the person confirms (one or two sentences). */
  message?: string;
  /** The confirming button's words ("Remove"); default "Confirm". */
  confirmLabel?: string;
  /** The cancelling button's words; default "Cancel". */
  cancelLabel?: string;
  /** Red confirming button, for something that can't be undone. */
  danger?: boolean;
}

let nextDialogId = 0;

/**
 * A modal confirmation on a native `<dialog>`. `open()` shows it, moves focus to Cancel (the safe
 * choice) and resolves true for the confirming button, false for Cancel or Escape; focus then
 * returns to where it was. Most pages use `ConfirmDialog.ask()` instead of placing this themselves;
 * a page that places it can also listen to `(answer)`, emitted as the button is pressed.
 */
@Component({
  selector: 'fw-confirm-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  // Where `<dialog>` has no built-in Escape (older browsers, jsdom), the key still cancels.
  host: { '(keydown.escape)': 'onCancel($event)' },
  template: `
    <dialog
      #dialog
      class="fw-confirm"
      [attr.aria-labelledby]="id + '-title'"
      [attr.aria-describedby]="options().message ? id + '-message' : null"
      (cancel)="onCancel($event)"
    >
      <h2 [id]="id + '-title'">{{ options().title }}</h2>
      @if (options().message) {
        <p [id]="id + '-message'">{{ options().message }}</p>
      }
      <div class="form-actions">
        <button
          type="button"
          class="button"
          [class.button--danger]="options().danger"
          (click)="finish(true)"
        >
          {{ options().confirmLabel ?? 'Confirm' }}
        </button>
        <button #cancelButton type="button" class="button button--secondary" (click)="finish(false)">
          {{ options().cancelLabel ?? 'Cancel' }}
        </button>
      </div>
    </dialog>
  `,
  styles: `
    .fw-confirm {
      max-width: min(32rem, calc(100vw - 2rem));
      padding: 1.25rem 1.5rem;
      border: 1px solid var(--fw-border, #ccc);
      border-radius: var(--fw-radius, 0.5rem);
    }
    .fw-confirm::backdrop {
      background: rgb(0 0 0 / 0.4);
    }
    .fw-confirm h2 {
      margin-top: 0;
      font-size: 1.25rem;
    }
  `,
})
export class FwConfirmDialog {
  protected readonly id = `fw-confirm-${++nextDialogId}`;
  protected readonly options = signal<ConfirmOptions>({ title: '' });
  /** The person's answer, at once (the promise of `open()` settles a tick later). */
  readonly answer = output<boolean>();
  private readonly dialog = viewChild.required<ElementRef<HTMLDialogElement>>('dialog');
  private readonly cancelButton = viewChild.required<ElementRef<HTMLButtonElement>>('cancelButton');
  private readonly document = inject(DOCUMENT);
  private resolve: ((confirmed: boolean) => void) | null = null;
  private returnFocus: HTMLElement | null = null;

  /** Shows the dialog; resolves with the person's answer. A second call answers the first with false. */
  open(options: ConfirmOptions): Promise<boolean> {
    this.resolve?.(false);
    this.options.set(options);
    const active = this.document.activeElement;
    this.returnFocus = active instanceof HTMLElement ? active : null;
    const el = this.dialog().nativeElement;
    if (!el.open) {
      if (typeof el.showModal === 'function') el.showModal();
      else el.setAttribute('open', '');
    }
    this.cancelButton().nativeElement.focus();
    return new Promise<boolean>((resolve) => (this.resolve = resolve));
  }

  protected onCancel(event: Event): void {
    // Closing is ours to do, so the answer and the focus go back the same way as Cancel.
    event.preventDefault();
    this.finish(false);
  }

  protected finish(confirmed: boolean): void {
    const el = this.dialog().nativeElement;
    if (typeof el.close === 'function') el.close();
    else el.removeAttribute('open');
    if (this.returnFocus?.isConnected) this.returnFocus.focus();
    this.returnFocus = null;
    const resolve = this.resolve;
    this.resolve = null;
    if (!resolve) return;
    this.answer.emit(confirmed);
    resolve(confirmed);
  }
}

/**
 * `await inject(ConfirmDialog).ask({ title: 'Revoke this token?', confirmLabel: 'Revoke', danger: true })`
 * instead of `window.confirm`: the same modal, focus handling and Escape everywhere.
 */
@Injectable({ providedIn: 'root' })
export class ConfirmDialog {
  private readonly appRef = inject(ApplicationRef);
  private readonly injector = inject(EnvironmentInjector);
  private readonly document = inject(DOCUMENT);

  /** Opens a dialog on the page body; resolves true when confirmed. The dialog is removed afterwards. */
  async ask(options: ConfirmOptions): Promise<boolean> {
    const ref = createComponent(FwConfirmDialog, { environmentInjector: this.injector });
    this.appRef.attachView(ref.hostView);
    this.document.body.appendChild(ref.location.nativeElement);
    ref.changeDetectorRef.detectChanges();
    try {
      const answer = ref.instance.open(options);
      ref.changeDetectorRef.detectChanges();
      return await answer;
    } finally {
      this.appRef.detachView(ref.hostView);
      ref.destroy();
    }
  }
}
