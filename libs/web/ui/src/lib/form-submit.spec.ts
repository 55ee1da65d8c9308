import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { Subject } from 'rxjs';
import { formSubmit } from './form-submit';
import type { RequestProblem } from './request-errors';

@Component({
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule],
  template: `<form [formGroup]="form"><input id="email" formControlName="email" [attr.aria-invalid]="submission.errors.fields()['email'] ? true : null" /></form>`,
})
class Host {
  readonly form = inject(FormBuilder).nonNullable.group({ email: ['', Validators.required] });
  readonly submission = formSubmit({
    fields: ['email'],
    problem: (err): RequestProblem => ({ message: String(err), fieldErrors: err === 'taken' ? { email: 'That email is taken.' } : {} }),
  });
}

describe('formSubmit', () => {
  async function setUp() {
    const fixture = TestBed.createComponent(Host);
    document.body.appendChild(fixture.nativeElement);
    await fixture.whenStable();
    return { fixture, host: fixture.componentInstance };
  }

  it('sends only a valid form, once at a time, and hands over the answer', async () => {
    const { host } = await setUp();
    const answers: string[] = [];
    const sent: Subject<string>[] = [];
    const request = () => {
      sent.push(new Subject<string>());
      return sent[sent.length - 1];
    };
    const send = () => host.submission.send(host.form, request, (answer) => answers.push(answer));

    send();
    expect(sent).toHaveLength(0);
    host.form.controls.email.setValue('ada@x.test');
    send();
    send();
    expect(sent).toHaveLength(1);
    expect(host.submission.pending()).toBe(true);
    sent[0].next('ok');
    expect(answers).toEqual(['ok']);
    expect(host.submission.pending()).toBe(false);
  });

  it('shows the server’s words and focuses the field they name', async () => {
    const { fixture, host } = await setUp();
    host.form.controls.email.setValue('ada@x.test');
    const request = new Subject<string>();
    host.submission.send(host.form, () => request, () => undefined);
    request.error('taken');
    fixture.detectChanges();
    await fixture.whenStable();
    expect(host.submission.pending()).toBe(false);
    expect(host.submission.errors.fields()['email']).toBe('That email is taken.');
    expect(document.activeElement?.id).toBe('email');

    const again = new Subject<string>();
    host.submission.send(null, () => again, () => undefined);
    expect(host.submission.errors.message()).toBeNull();
  });
});
