import { Component, viewChild } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { ConfirmDialog, FwConfirmDialog } from './confirm-dialog';

@Component({
  imports: [FwConfirmDialog],
  template: `<fw-confirm-dialog (answer)="answers.push($event)" />`,
})
class DialogHost {
  readonly dialog = viewChild.required(FwConfirmDialog);
  readonly answers: boolean[] = [];
}

function dialogButtons() {
  const buttons = Array.from(document.querySelectorAll<HTMLButtonElement>('fw-confirm-dialog button'));
  return { confirm: buttons[0], cancel: buttons[1] };
}

describe('ConfirmDialog', () => {
  let opener: HTMLButtonElement;

  beforeEach(() => {
    opener = document.createElement('button');
    document.body.appendChild(opener);
    opener.focus();
  });

  afterEach(() => opener.remove());

  it('asks, focuses Cancel, and resolves true when confirmed', async () => {
    const answer = TestBed.inject(ConfirmDialog).ask({
      title: 'Revoke this token?',
      message: 'Scripts using it stop working.',
      confirmLabel: 'Revoke',
      danger: true,
    });
    const dialog = document.querySelector('fw-confirm-dialog dialog');
    expect(dialog?.hasAttribute('open')).toBe(true);
    const title = document.getElementById(dialog?.getAttribute('aria-labelledby') ?? '');
    expect(title?.textContent).toBe('Revoke this token?');
    expect(document.getElementById(dialog?.getAttribute('aria-describedby') ?? '')?.textContent).toContain('stop working');
    const { confirm, cancel } = dialogButtons();
    expect(confirm.textContent?.trim()).toBe('Revoke');
    expect(confirm.classList).toContain('button--danger');
    expect(document.activeElement).toBe(cancel);

    confirm.click();
    await expect(answer).resolves.toBe(true);
    expect(document.querySelector('fw-confirm-dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
  });

  it('resolves false on Cancel', async () => {
    const answer = TestBed.inject(ConfirmDialog).ask({ title: 'Leave?' });
    const { confirm, cancel } = dialogButtons();
    expect(confirm.textContent?.trim()).toBe('Confirm');
    expect(cancel.textContent?.trim()).toBe('Cancel');
    cancel.click();
    await expect(answer).resolves.toBe(false);
  });

  it('resolves false on Escape and gives focus back', async () => {
    const answer = TestBed.inject(ConfirmDialog).ask({ title: 'Leave?' });
    document
      .querySelector('fw-confirm-dialog dialog')
      ?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await expect(answer).resolves.toBe(false);
    expect(document.activeElement).toBe(opener);
  });

  it('placed in a template, tells its answer at once through (answer)', async () => {
    const fixture = TestBed.createComponent(DialogHost);
    await fixture.whenStable();
    const answer = fixture.componentInstance.dialog().open({ title: 'Revoke?', confirmLabel: 'Yes, revoke it' });
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('h2')?.textContent).toBe('Revoke?');
    el.querySelector<HTMLButtonElement>('button')?.click();
    expect(fixture.componentInstance.answers).toEqual([true]);
    await expect(answer).resolves.toBe(true);
    expect(el.querySelector('dialog')?.hasAttribute('open')).toBe(false);
  });
});
