import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { AlertKind, FwAlert } from './alert';

@Component({
  imports: [FwAlert],
  template: `
    <fw-alert
      [kind]="kind()"
      [dismissible]="dismissible()"
      [retryable]="retryable()"
      (dismissed)="dismissals = dismissals + 1"
      (retry)="retries = retries + 1"
    >
      <p>Saved.</p>
    </fw-alert>
  `,
})
class AlertHost {
  readonly kind = signal<AlertKind>('error');
  readonly dismissible = signal(false);
  readonly retryable = signal(false);
  dismissals = 0;
  retries = 0;
}

describe('fw-alert', () => {
  it('is an alert for errors and a status otherwise, with the app classes', async () => {
    const fixture = TestBed.createComponent(AlertHost);
    await fixture.whenStable();
    const alert = (fixture.nativeElement as HTMLElement).querySelector('fw-alert');
    expect(alert?.getAttribute('role')).toBe('alert');
    expect(alert?.className).toBe('alert alert--error');
    expect(alert?.textContent).toContain('Saved.');

    for (const kind of ['success', 'info', 'warning'] as const) {
      fixture.componentInstance.kind.set(kind);
      await fixture.whenStable();
      expect(alert?.getAttribute('role')).toBe('status');
      expect(alert?.classList).toContain(`alert--${kind}`);
    }
    expect(alert?.querySelector('button')).toBeNull();
  });

  it('offers a Dismiss button when dismissible', async () => {
    const fixture = TestBed.createComponent(AlertHost);
    fixture.componentInstance.dismissible.set(true);
    await fixture.whenStable();
    const button = (fixture.nativeElement as HTMLElement).querySelector<HTMLButtonElement>('fw-alert button');
    expect(button?.textContent?.trim()).toBe('Dismiss');
    button?.click();
    expect(fixture.componentInstance.dismissals).toBe(1);
  });

  it('offers "Try again" under the message when retryable', async () => {
    const fixture = TestBed.createComponent(AlertHost);
    fixture.componentInstance.retryable.set(true);
    await fixture.whenStable();
    const button = (fixture.nativeElement as HTMLElement).querySelector<HTMLButtonElement>('fw-alert .fw-alert__body p + p button');
    expect(button?.textContent?.trim()).toBe('Try again');
    button?.click();
    expect(fixture.componentInstance.retries).toBe(1);
  });
});
