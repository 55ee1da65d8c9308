import { ChangeDetectionStrategy, Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { FwControl, FwField } from './field';

@Component({
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, FwField, FwControl],
  template: `
    <form [formGroup]="form" (ngSubmit)="(0)">
      <fw-field label="Email address" hint="Your work address." [messages]="messages" [error]="serverError()">
        <input id="email" type="email" fwControl formControlName="email" />
      </fw-field>
      <fw-field label="Name" labelNote="(required)" showOn="touch" [messages]="{ required: 'Enter your name.' }">
        <input fwControl formControlName="name" />
      </fw-field>
      <button type="submit">Save</button>
    </form>
  `,
})
class FieldHost {
  readonly form = new FormGroup({
    email: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.email] }),
    name: new FormControl('', { nonNullable: true, validators: Validators.required }),
  });
  readonly messages = { required: 'Enter your email address.', email: 'Enter an email address like name@university.edu.' };
  readonly serverError = signal<string | null>(null);
}

async function render() {
  const fixture = TestBed.createComponent(FieldHost);
  await fixture.whenStable();
  const root = fixture.nativeElement as HTMLElement;
  const email = root.querySelector<HTMLInputElement>('#email');
  const name = root.querySelectorAll<HTMLInputElement>('input')[1];
  if (!email || !name) throw new Error('inputs missing');
  const submit = async () => {
    root.querySelector<HTMLButtonElement>('button[type=submit]')?.click();
    await fixture.whenStable();
  };
  return { fixture, root, email, name, submit };
}

describe('fw-field', () => {
  it('labels the control and describes it with the hint', async () => {
    const { root, email, name } = await render();
    expect(root.querySelector('label')?.getAttribute('for')).toBe('email');
    expect(root.querySelector('#email-hint')?.textContent).toContain('Your work address.');
    expect(email.getAttribute('aria-describedby')).toBe('email-hint');
    expect(email.hasAttribute('aria-invalid')).toBe(false);
    // A control without an id gets one, and its label points at it.
    expect(name.id).toMatch(/^fw-control-\d+$/);
    expect(root.querySelectorAll('label')[1].getAttribute('for')).toBe(name.id);
    expect(root.querySelector('fw-field')?.classList).toContain('field');
  });

  it('shows the control error only after submit, with aria wiring', async () => {
    const { fixture, root, email, submit } = await render();
    email.dispatchEvent(new Event('blur'));
    await fixture.whenStable();
    expect(root.querySelector('#email-error')).toBeNull();

    await submit();
    expect(root.querySelector('#email-error')?.textContent).toContain('Enter your email address.');
    expect(email.getAttribute('aria-invalid')).toBe('true');
    expect(email.getAttribute('aria-describedby')).toBe('email-hint email-error');

    email.value = 'not-an-address';
    email.dispatchEvent(new Event('input'));
    await fixture.whenStable();
    expect(root.querySelector('#email-error')?.textContent).toContain('like name@university.edu');

    email.value = 'ada@example.edu';
    email.dispatchEvent(new Event('input'));
    await fixture.whenStable();
    expect(root.querySelector('#email-error')).toBeNull();
    expect(email.hasAttribute('aria-invalid')).toBe(false);
  });

  it('adds a quieter note to the label, part of its name', async () => {
    const { root, name } = await render();
    const label = root.querySelector(`label[for="${name.id}"]`);
    expect(label?.textContent?.trim()).toBe('Name (required)');
    expect(label?.querySelector('.req')?.textContent).toBe('(required)');
    expect(root.querySelector('label[for="email"]')?.textContent).toBe('Email address');
  });

  it('shows errors once touched with showOn="touch"', async () => {
    const { fixture, root, name } = await render();
    expect(root.textContent).not.toContain('Enter your name.');
    name.dispatchEvent(new Event('blur'));
    await fixture.whenStable();
    expect(root.querySelector(`#${name.id}-error`)?.textContent).toContain('Enter your name.');
    expect(name.getAttribute('aria-invalid')).toBe('true');
  });

  it('shows an outside error (e.g. from the server) whenever it is set', async () => {
    const { fixture, root, email } = await render();
    fixture.componentInstance.serverError.set('This address is already invited.');
    await fixture.whenStable();
    expect(root.querySelector('#email-error')?.textContent).toContain('already invited');
    expect(email.getAttribute('aria-invalid')).toBe('true');
  });
});
