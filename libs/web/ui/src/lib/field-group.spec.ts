import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { FW_FIELD_GROUP_PROVIDERS, FwFieldGroup } from './field-group';
import { FwControl, FwField } from './field';

@Component({
  selector: 'fw-test-name-field',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, FwField, FwControl],
  viewProviders: FW_FIELD_GROUP_PROVIDERS,
  template: `
    <fw-field label="Name" [messages]="{ required: 'Enter a name.' }">
      <input id="name" fwControl formControlName="name" />
    </fw-field>
  `,
})
class NameField extends FwFieldGroup {}

@Component({
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, NameField],
  template: `<form [formGroup]="form" novalidate><fw-test-name-field /><button type="submit">Save</button></form>`,
})
class Host {
  readonly form = inject(FormBuilder).nonNullable.group({ name: ['', Validators.required] });
}

describe('FwFieldGroup', () => {
  it('binds its fields to the page form and shows their errors once that form is submitted', async () => {
    const fixture = TestBed.createComponent(Host);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const input = el.querySelector<HTMLInputElement>('#name');
    if (!input) throw new Error('no #name');
    input.value = 'Ada';
    input.dispatchEvent(new Event('input'));
    expect(fixture.componentInstance.form.value).toEqual({ name: 'Ada' });
    expect(el.querySelector<HTMLElement>('fw-test-name-field')?.style.display).toBe('contents');

    input.value = '';
    input.dispatchEvent(new Event('input'));
    expect(el.querySelector('#name-error')).toBeNull();
    el.querySelector('button')?.click();
    await fixture.whenStable();
    expect(el.querySelector('#name-error')?.textContent).toBe('Enter a name.');
    expect(input.getAttribute('aria-invalid')).toBe('true');
  });
});
