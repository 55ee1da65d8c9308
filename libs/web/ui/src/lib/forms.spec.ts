import { ElementRef, Injector } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { FormControl, FormGroup, Validators } from '@angular/forms';
import { canSubmit, controlError, matchingValidator, minLengthMessage, requiredText } from './forms';

describe('form helpers', () => {
  it('controlError gives the first matching message, or a generic one', () => {
    const control = new FormControl('ab', [Validators.minLength(8)]);
    expect(controlError(control, { minlength: minLengthMessage('Your password') })).toBe(
      'Your password must be at least 8 characters.',
    );
    expect(controlError(control, {})).toBe('Check this field.');
    control.setValue('long enough');
    expect(controlError(control, {})).toBeNull();
  });

  it('matchingValidator marks the confirmation when the two differ', () => {
    const form = new FormGroup(
      { password: new FormControl('secret-one'), confirm: new FormControl('secret-two') },
      { validators: matchingValidator('password', 'confirm') },
    );
    expect(form.controls.confirm.hasError('mismatch')).toBe(true);
    form.controls.confirm.setValue('secret-one');
    expect(form.controls.confirm.errors).toBeNull();
  });

  it('requiredText refuses spaces alone', () => {
    expect(requiredText(new FormControl('   '))).toEqual({ required: true });
    expect(requiredText(new FormControl(null))).toEqual({ required: true });
    expect(requiredText(new FormControl(' Nightly push '))).toBeNull();
  });

  it('canSubmit refuses an invalid form and a second request while one is pending', () => {
    const host = new ElementRef(document.createElement('form'));
    const injector = TestBed.inject(Injector);
    const form = new FormGroup({ name: new FormControl('', Validators.required) });
    expect(canSubmit(form, false, host, injector)).toBe(false);
    form.controls.name.setValue('Ada');
    expect(canSubmit(form, true, host, injector)).toBe(false);
    expect(canSubmit(form, false, host, injector)).toBe(true);
  });
});
