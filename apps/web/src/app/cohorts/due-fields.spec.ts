import { FormControl, FormGroup } from '@angular/forms';
import { DueMode } from './due-rule';
import { dueChoice, dueRuleValidator } from './due-fields';

describe('due fields', () => {
  const form = (dueMode: DueMode, dueDate: string, dueDays: number | null) =>
    new FormGroup(
      { dueMode: new FormControl(dueMode), dueDate: new FormControl(dueDate), dueDays: new FormControl(dueDays) },
      { validators: dueRuleValidator(() => '2026-12-01') },
    );

  it('puts the rule’s words on the control they are about', () => {
    expect(form('fixed', '2026-11-30', 14).controls.dueDate.errors).toEqual({ due: 'The due date must be on or after the opening date.' });
    const days = form('relative', '', 999);
    expect(days.controls.dueDays.errors).toEqual({ due: 'Enter a whole number of days from 1 to 365.' });
    expect(days.controls.dueDate.errors).toBeNull();
    expect(form('relative', '', null).controls.dueDays.hasError('due')).toBe(true);
    expect(form('relative', '', 30).valid).toBe(true);
  });

  it('gives the request part of a valid rule (the number input holds a number)', () => {
    expect(dueChoice({ dueMode: 'relative', dueDate: '', dueDays: 30 })).toEqual({ dueDaysAfterJoin: 30 });
    expect(dueChoice({ dueMode: 'fixed', dueDate: '2026-12-10', dueDays: null }, '2026-12-01')).toEqual({ dueOn: '2026-12-10' });
    expect(dueChoice({ dueMode: 'relative', dueDate: '', dueDays: null })).toBeNull();
  });
});
