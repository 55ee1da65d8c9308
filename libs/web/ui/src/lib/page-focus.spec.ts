import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { pageFocus } from './page-focus';

@Component({
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule],
  template: `
    <form [formGroup]="form"><input id="name" formControlName="name" [attr.aria-invalid]="form.invalid || null" /></form>
    <p id="notice" tabindex="-1">Saved.</p>
  `,
})
class Host {
  readonly form = inject(FormBuilder).nonNullable.group({ name: ['', Validators.required] });
  readonly focus = pageFocus();
}

describe('pageFocus', () => {
  it('refuses an invalid or pending form, focusing the first invalid field, and focuses a selector after render', async () => {
    const fixture = TestBed.createComponent(Host);
    document.body.appendChild(fixture.nativeElement);
    await fixture.whenStable();
    const host = fixture.componentInstance;

    expect(host.focus.canSubmit(host.form, false)).toBe(false);
    await fixture.whenStable();
    fixture.detectChanges();
    expect(document.activeElement?.id).toBe('name');

    host.form.controls.name.setValue('Ada');
    expect(host.focus.canSubmit(host.form, true)).toBe(false);
    expect(host.focus.canSubmit(host.form, false)).toBe(true);

    host.focus.after('#notice');
    fixture.detectChanges();
    expect(document.activeElement?.id).toBe('notice');

    host.focus.firstOf('[aria-invalid="true"]', '#name');
    fixture.detectChanges();
    expect(document.activeElement?.id).toBe('name');
    fixture.nativeElement.remove();
  });
});
